import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as rankingRoute from "~/routes/gestion.appels.$callId.classement";
import * as filesRoute from "~/routes/gestion.appels.$callId._index";
import * as staffFileRoute from "~/routes/gestion.dossiers.$id";
import * as reviewerHomeRoute from "~/routes/expertise._index";
import * as applicantHomeRoute from "~/routes/espace._index";
import { countQueries } from "../support/query-counter";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookieFor } from "~/auth/session.server";
import { createApplicant, createApplication, createCall } from "../support/factories";
import { createRankedCall } from "../support/ranked-call";

/**
 * Each page sends a fixed number of statements whatever the size of the call: with 60 files, a
 * statement per file (or per review) would blow far past the limit.
 */
const LIMIT = 12;

let world: Awaited<ReturnType<typeof createRankedCall>>;
let applicantId: string;

beforeAll(async () => {
  world = await createRankedCall({ files: 60, reviewsPerFile: 3, seed: 60 });
  const { user, organization } = await createApplicant();
  applicantId = user.id;
  for (let i = 0; i < 6; i++) {
    const call = await createCall();
    await createApplication(call.id, organization.id, user.id, i % 2 ? "SUBMITTED" : "DRAFT");
  }
  // Events in the file's history, so that reading and checking it is part of the count.
  const file = world.applications[0]!;
  await prisma.$transaction(async (tx) => {
    const { recordAudit } = await import("~/audit.server");
    for (const action of ["application.submitted", "application.eligible", "assignment.created"]) {
      await recordAudit(tx, { actorId: world.staff.id, action, entityType: "Application", entityId: file.id });
    }
  });
}, 60_000);

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

/** Statements sent by one page's loader, signed in as `userId` (the session is opened beforehand). */
async function queriesOf(loader: Loader, { userId, params = {}, path }: { userId: string; params?: Record<string, string>; path: string }) {
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: await sessionCookieFor(userId) } });
  let status = 0;
  const count = await countQueries(async () => {
    status = (await loader({ request, params, context: {} })).status;
  });
  expect(status).toBe(200);
  // The counter sees the statements at all (the session alone takes some).
  expect(count).toBeGreaterThan(0);
  return count;
}

describe("statements per page, on a call of 60 files", () => {
  it("ranking, on its first and a filtered page", async () => {
    const callId = world.call.id;
    expect(await queriesOf(rankingRoute.loader, { userId: world.staff.id, params: { callId }, path: `/gestion/appels/${callId}/classement` })).toBeLessThanOrEqual(LIMIT);
    const filtered = `/gestion/appels/${callId}/classement?tri=note&region=Bretagne&q=grappe`;
    expect(await queriesOf(rankingRoute.loader, { userId: world.staff.id, params: { callId }, path: filtered })).toBeLessThanOrEqual(LIMIT);
  });

  it("staff list of the call's files", async () => {
    const callId = world.call.id;
    expect(await queriesOf(filesRoute.loader, { userId: world.staff.id, params: { callId }, path: `/gestion/appels/${callId}?tri=structure` })).toBeLessThanOrEqual(LIMIT);
  });

  it("staff page of one file, with its reviews and history", async () => {
    const id = world.applications[0]!.id;
    expect(await queriesOf(staffFileRoute.loader, { userId: world.staff.id, params: { id }, path: `/gestion/dossiers/${id}` })).toBeLessThanOrEqual(LIMIT);
  });

  it("expert's dashboard, with 60 files assigned", async () => {
    expect(await queriesOf(reviewerHomeRoute.loader, { userId: world.reviewers[0]!.id, path: "/expertise" })).toBeLessThanOrEqual(LIMIT);
  });

  it("applicant's dashboard, with files on six calls", async () => {
    expect(await queriesOf(applicantHomeRoute.loader, { userId: applicantId, path: "/espace" })).toBeLessThanOrEqual(LIMIT);
  });
});
