/**
 * Decisions on a large call, as the committee records them one file after another: `node
 * --import tsx tests/bench/decisions.ts <data.json> [count]` on the database the generator
 * filled (PGLITE_DIR or DATABASE_URL), with the app's server stopped. Prints one JSON line:
 * the p50 and p95 of `decideApplication`, in ms, and how many were refused.
 */
import { readFileSync } from "node:fs";
import type { BenchData } from "./data";
import { percentile } from "./stats";

const [dataFile, countArgument] = process.argv.slice(2);
if (!dataFile) throw new Error("Usage: tests/bench/decisions.ts <data.json> [count]");
const data = JSON.parse(readFileSync(dataFile, "utf8")) as BenchData;
const count = Number(countArgument ?? 60);

const { database, prisma } = await import("~/db.server");
const { decideApplication } = await import("~/services/decisions.server");
try {
  const staff = await prisma.user.findUniqueOrThrow({ where: { email: data.staffEmail }, select: { id: true } });
  const viewer = { id: staff.id, role: "STAFF" as const, organizationIds: [] };
  const files = await prisma.application.findMany({
    where: { callId: data.callId, status: "REVIEWED" },
    orderBy: { id: "asc" },
    take: count,
    select: { id: true, decisionVersion: true },
  });
  const samples: number[] = [];
  let refused = 0;
  for (const [i, file] of files.entries()) {
    const start = performance.now();
    try {
      await decideApplication(viewer, file.id, {
        decisionVersion: file.decisionVersion,
        outcome: i % 2 === 0 ? "WAITLISTED" : "REJECTED",
        awardedCents: null,
        motivation: "Classement du comité de sélection.",
        committeeDate: new Date(),
      });
      samples.push(performance.now() - start);
    } catch (error) {
      refused += 1;
      if (refused === 1) console.error("Decision refused:", (error as Error).message);
    }
  }
  console.log(JSON.stringify({ decisions: samples.length, refused, p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) }));
} finally {
  await database.close();
}
