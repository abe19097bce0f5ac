/**
 * Lauréat's benchmarks, each against a target: `npm run bench [-- --scale] [--duration 5]
 * [--no-postgres]`.
 *
 * 1. In-process timings of CPU-bound work (tests/bench/micro.ts).
 * 2. `remix build`, then the first-load JavaScript of the application form page
 *    (tests/bench/bundle-size.ts).
 * 3. HTTP passes (tests/bench/http.ts) on the embedded database, and on PostgreSQL when
 *    TEST_DATABASE_URL is set or 127.0.0.1:5432 answers (in a database `laureat_bench`,
 *    dropped and created again for each pass): a fresh database filled by the generator
 *    (tests/bench/data.ts) with 2,000 files, and with 10,000 more under --scale, then the
 *    production server and the scenarios at 20 connections.
 *
 * Targets, for every page: p95 ≤ 150 ms and ≤ 5× the p95 of /healthz in the same pass (the
 * floor: the mean of its first and last runs); no answer outside 2xx/3xx, no connection error
 * or timeout; the server's resident memory ≤ 400 MB; with --scale, the ranking's p95 at 10,000
 * files ≤ 2× its p95 at 2,000 on the same database. Everything lands in bench/results.json;
 * the run exits 1 when a target is missed.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { measureBundle, printBundle, type BundleSize } from "./bundle-size";
import type { BenchData } from "./data";
import { logIn, runScenario, scenariosFor, startServer, type ScenarioResult, type Server } from "./http";
import { runMicroBenchmarks, type MicroResult } from "./micro";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RESULTS_FILE = path.join(ROOT, "bench/results.json");
const BASE_FILES = 2_000;
const SCALE_FILES = 10_000;
const SEED = 1;
const BENCH_DATABASE = "laureat_bench";
const TARGETS = { pageP95Ms: 150, floorRatio: 5, maxRssMb: 400, rankingScaleRatio: 2, decisionP95Ms: 20 };

interface Pass {
  database: "pglite" | "postgres";
  files: number;
  generationS: number;
  /** Of the whole machine when the pass ended: other work on it slows every figure. */
  loadAverage: number[];
  floorP95Ms: number;
  maxRssMb: number;
  scenarios: (ScenarioResult & { floorRatio: number })[];
  /** Decisions recorded one after another once the server has stopped (tests/bench/decisions.ts). */
  decisions: { decisions: number; refused: number; p50Ms: number; p95Ms: number };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const { values: args } = parseArgs({
  options: {
    scale: { type: "boolean", default: false },
    duration: { type: "string", default: "5" },
    "no-postgres": { type: "boolean", default: false },
  },
});
const durationS = Number(args.duration);
if (!(durationS > 0)) throw new Error("--duration takes a number of seconds.");

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${commandArgs.join(" ")} ended with ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The server to compare with, if one answers: its address for administration. */
async function findPostgres(): Promise<string | null> {
  if (args["no-postgres"]) return null;
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return url;
  } catch {
    if (process.env.TEST_DATABASE_URL) throw new Error(`TEST_DATABASE_URL is set but ${url} does not answer.`);
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function recreateBenchDatabase(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

async function dropBenchDatabase(adminUrl: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`).finally(() => client.end());
}

/** The server of the pass under way, stopped if the run is interrupted. */
let running: Server | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(130)));
}

async function runPass(database: Pass["database"], files: number, postgresAdminUrl: string | null): Promise<Pass> {
  const workDir = mkdtempSync(path.join(tmpdir(), "laureat-bench-"));
  // A DATABASE_URL from the caller's shell must not redirect the embedded pass.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PGLITE_DIR: path.join(workDir, "db"),
    STORAGE_DIR: path.join(workDir, "uploads"),
    SESSION_SECRET: "bench-session-secret-0123456789",
    DEMO_MODE: "false",
  };
  if (database === "postgres") env.DATABASE_URL = await recreateBenchDatabase(postgresAdminUrl!);
  console.log(`\n== ${database}, ${files} files`);
  try {
    const dataFile = path.join(workDir, "data.json");
    const started = performance.now();
    await run(process.execPath, ["--import", "tsx", "tests/bench/data.ts", "--files", String(files), "--seed", String(SEED), "--out", dataFile], env);
    const generationS = Number(((performance.now() - started) / 1000).toFixed(1));
    const data = JSON.parse(readFileSync(dataFile, "utf8")) as BenchData;

    const port = await freePort();
    let server = (running = await startServer(env, port));
    try {
      const cookies = {
        applicant: await logIn(server.origin, data.applicantEmail, data.password),
        reviewer: await logIn(server.origin, data.reviewerEmail, data.password),
        staff: await logIn(server.origin, data.staffEmail, data.password),
      };
      const results: ScenarioResult[] = [];
      for (const scenario of scenariosFor(data)) {
        console.log(`  ${scenario.name}…`);
        const result = await runScenario(scenario, server, cookies, durationS);
        console.log(`  ${result.name}: p95 ${result.p95Ms.toFixed(0)} ms, ${result.requestsPerS} req/s, ${result.errors} errors`);
        results.push(result);
        if (result.cutShort) {
          // Requests given up on are still being worked on: the next scenario gets a fresh server.
          await server.stop();
          server = running = await startServer(env, port);
        }
      }
      // The database has one opener at a time when embedded: the server goes first.
      await server.stop();
      const decisionOutput = await run(process.execPath, ["--import", "tsx", "tests/bench/decisions.ts", dataFile], env);
      const decisions = JSON.parse(decisionOutput.trim().split("\n").at(-1)!) as Pass["decisions"];
      const floors = results.filter((r) => r.kind === "floor");
      const floorP95Ms = floors.reduce((sum, r) => sum + r.p95Ms, 0) / floors.length;
      return {
        database,
        files,
        generationS,
        loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
        floorP95Ms,
        maxRssMb: Math.max(...results.map((r) => r.maxRssMb)),
        scenarios: results.map((r) => ({ ...r, floorRatio: Number((r.p95Ms / floorP95Ms).toFixed(2)) })),
        decisions,
      };
    } finally {
      await server.stop();
      running = undefined;
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    if (database === "postgres") await dropBenchDatabase(postgresAdminUrl!);
  }
}

function checkPass(pass: Pass): Check[] {
  const label = `${pass.database}, ${pass.files} files`;
  const checks: Check[] = [];
  for (const s of pass.scenarios) {
    if (s.kind === "page") {
      const alone = s.mode === "single" ? ", a single request: too slow to load" : "";
      checks.push({ name: `${label}: ${s.name} p95`, ok: s.p95Ms <= TARGETS.pageP95Ms, detail: `${s.p95Ms.toFixed(0)} ms (target ≤ ${TARGETS.pageP95Ms} ms${alone})` });
      checks.push({ name: `${label}: ${s.name} p95 / floor`, ok: s.floorRatio <= TARGETS.floorRatio, detail: `${s.floorRatio}× (target ≤ ${TARGETS.floorRatio}×)` });
    }
    checks.push({ name: `${label}: ${s.name} errors`, ok: s.errors === 0, detail: `${s.errors} (${s.requests} requests answered)` });
  }
  checks.push({
    name: `${label}: decision on one file p95`,
    ok: pass.decisions.refused === 0 && pass.decisions.p95Ms <= TARGETS.decisionP95Ms,
    detail: `${pass.decisions.p95Ms.toFixed(1)} ms over ${pass.decisions.decisions} decisions, ${pass.decisions.refused} refused (target ≤ ${TARGETS.decisionP95Ms} ms)`,
  });
  checks.push({ name: `${label}: server memory`, ok: pass.maxRssMb <= TARGETS.maxRssMb, detail: `max RSS ${pass.maxRssMb} MB (target ≤ ${TARGETS.maxRssMb} MB)` });
  return checks;
}

function checkScale(passes: Pass[]): Check[] {
  const rankingP95 = (pass: Pass | undefined) => pass?.scenarios.find((s) => s.name === "ranking")?.p95Ms;
  return (["pglite", "postgres"] as const).flatMap((database) => {
    const base = rankingP95(passes.find((p) => p.database === database && p.files === BASE_FILES));
    const scaled = rankingP95(passes.find((p) => p.database === database && p.files === SCALE_FILES));
    if (base === undefined || scaled === undefined) return [];
    const ratio = scaled / base;
    return [{ name: `${database}: ranking p95 at ${SCALE_FILES} / at ${BASE_FILES} files`, ok: ratio <= TARGETS.rankingScaleRatio, detail: `${ratio.toFixed(2)}× (target ≤ ${TARGETS.rankingScaleRatio}×)` }];
  });
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

function printPass(pass: Pass) {
  console.log(`\n${pass.database}, ${pass.files} files (generated in ${pass.generationS} s); floor p95 ${pass.floorP95Ms.toFixed(1)} ms; max RSS ${pass.maxRssMb} MB; load average ${pass.loadAverage.join(" ")}`);
  printTable(
    ["Scenario", "Requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "Errors", "p95/floor"],
    pass.scenarios.map((s) => [s.mode === "single" ? `${s.name} (1 request)` : s.name, String(s.requests), s.p50Ms.toFixed(0), s.p95Ms.toFixed(0), s.p99Ms.toFixed(0), String(s.requestsPerS), `${s.errors}${s.cutShort ? " (cut short)" : ""}`, `${s.floorRatio}×`]),
  );
  const d = pass.decisions;
  console.log(`Decisions one after another: ${d.decisions} recorded, ${d.refused} refused, p50 ${d.p50Ms.toFixed(1)} ms, p95 ${d.p95Ms.toFixed(1)} ms`);
}

function machine() {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
    commit: dirty ? `${commit} with uncommitted changes` : commit,
  };
}

const date = new Date().toISOString();
const machineInfo = machine();
const micro: MicroResult[] = await runMicroBenchmarks();
console.log("\nIn-process");
printTable(
  ["Benchmark", "Iterations", "p50 ms", "p95 ms", "Target ms"],
  micro.map((m) => [m.name, String(m.iterations), m.p50Ms.toFixed(2), m.p95Ms.toFixed(2), String(m.targetMs)]),
);

await run(path.join(ROOT, "node_modules/.bin/remix"), ["build"]);
const bundle: BundleSize = measureBundle();
const bundleOk = printBundle(bundle);

function writeResults(outcome: { passes: Pass[]; complete: boolean; checks?: Check[]; passed?: boolean }) {
  const options = { durationS, scale: args.scale, connections: 20, seed: SEED };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ date, machine: machineInfo, options, targets: TARGETS, micro, bundle, ...outcome }, null, 2)}\n`);
}

const postgresAdminUrl = await findPostgres();
if (!postgresAdminUrl) console.log("\nNo PostgreSQL server answers: the HTTP passes run on the embedded database only.");
const passes: Pass[] = [];
for (const database of postgresAdminUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const)) {
  for (const files of args.scale ? [BASE_FILES, SCALE_FILES] : [BASE_FILES]) {
    passes.push(await runPass(database, files, postgresAdminUrl));
    // Kept as they come, so that an interrupted run still leaves what it measured.
    writeResults({ passes, complete: false });
  }
}
passes.forEach(printPass);

const checks: Check[] = [
  ...micro.map((m) => ({ name: `in-process: ${m.name}`, ok: m.ok, detail: `p95 ${m.p95Ms.toFixed(2)} ms (target ≤ ${m.targetMs} ms)` })),
  { name: "first-load JavaScript of the application page", ok: bundleOk, detail: `${(bundle.totalGzipBytes / 1024).toFixed(1)} KB gzip (target ≤ ${bundle.budgetBytes / 1024} KB)` },
  ...passes.flatMap(checkPass),
  ...checkScale(passes),
];
const failed = checks.filter((c) => !c.ok);
writeResults({ passes, complete: true, checks, passed: failed.length === 0 });
console.log(failed.length ? `\n${failed.length} target(s) missed:` : "\nAll targets met.");
for (const c of failed) console.log(`  ${c.name}: ${c.detail}`);
console.log(`Results written to ${path.relative(ROOT, RESULTS_FILE)}.`);
process.exitCode = failed.length ? 1 : 0;
