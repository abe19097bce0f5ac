/**
 * One HTTP pass: the production build served by `app/server.ts` on a database the generator
 * has just filled, then each scenario hammered by autocannon with 20 connections while the
 * server's resident memory is sampled.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import type { BenchData } from "./data";
import { percentile } from "./stats";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONNECTIONS = 20;
const RSS_SAMPLE_MS = 100;
const MIN_CAP_MS = 60_000;
const SINGLE_TIMEOUT_MS = 300_000;

export interface Scenario {
  name: string;
  path: string;
  /** Whose session cookie the requests carry. */
  as?: "applicant" | "reviewer" | "staff";
  /** Pages are held to the targets; the floor is what they are compared with. */
  kind: "floor" | "page";
  post?: Record<string, string>;
}

export interface ScenarioResult {
  name: string;
  path: string;
  kind: Scenario["kind"];
  requests: number;
  durationS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requestsPerS: number;
  /** Answers other than 2xx/3xx, plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  /** timed: as many requests as fit in the duration; fixed: a set number; single: one request, too slow to load. */
  mode: "timed" | "fixed" | "single";
  /** Stopped after a minute (or 4× the duration) with requests unanswered, counted as errors. */
  cutShort: boolean;
  maxRssMb: number;
}

/** The scenarios in the order they run: the floor first and last. */
export function scenariosFor(data: BenchData): Scenario[] {
  return [
    { name: "floor (/healthz, first)", path: "/healthz", kind: "floor" },
    { name: "public call page", path: `/appels/${data.callSlug}`, kind: "page" },
    { name: "applicant dashboard", path: "/espace", as: "applicant", kind: "page" },
    {
      name: "draft save (POST)",
      path: `/espace/dossiers/${data.draftId}`,
      as: "applicant",
      kind: "page",
      post: {
        intent: "save",
        projectTitle: "Centre de ressources partagé pour les adhérents",
        summary: "Mutualiser les équipements d'essai et former les équipes des entreprises membres à leur usage.",
        requestedAmount: "150000",
      },
    },
    { name: "expert dashboard", path: "/expertise", as: "reviewer", kind: "page" },
    { name: "staff list of the call", path: `/gestion/appels/${data.callId}`, as: "staff", kind: "page" },
    { name: "ranking", path: `/gestion/appels/${data.callId}/classement`, as: "staff", kind: "page" },
    { name: "staff file page", path: `/gestion/dossiers/${data.fileId}`, as: "staff", kind: "page" },
    { name: "floor (/healthz, last)", path: "/healthz", kind: "floor" },
  ];
}

export interface Server {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the server as `tsx app/server.ts` would, but as `node --import tsx` so that the
 * process whose memory is read is the server itself, not tsx's launcher.
 */
export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", PORT: String(port), APP_URL: origin },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const lingering = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(lingering);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server ended at start (code ${child.exitCode}).`);
    const healthy = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (healthy) return { origin, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error("The server did not answer /healthz within a minute.");
}

/** Signs in through the login form, as a browser does, and returns the Cookie header to send. */
export async function logIn(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email, password }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status >= 400 || cookies.length === 0) throw new Error(`Login of ${email} answered ${response.status} without a session cookie.`);
  return cookies.join("; ");
}

function readRssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function requestOf(scenario: Scenario, origin: string, cookies: Record<string, string>) {
  const headers: Record<string, string> = {};
  if (scenario.as) headers.cookie = cookies[scenario.as]!;
  if (!scenario.post) return { method: "GET" as const, headers };
  return {
    method: "POST" as const,
    headers: { ...headers, origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(scenario.post).toString(),
  };
}

/** One request outside the load: its status, and how long it took. */
async function timeOne(url: string, request: ReturnType<typeof requestOf>, timeoutMs: number) {
  const start = performance.now();
  const response = await fetch(url, { ...request, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - start };
}

/**
 * Runs one scenario for `durationS` seconds. A page so slow that a timed run would hold few
 * answers gets a fixed number of requests instead (2 per connection, 1 when a single request
 * takes over 5 s), cut short after a minute (or 4× the duration); a page whose single request
 * already takes longer than that is not loaded at all and reports that request alone. A run cut
 * short leaves the server busy: `cutShort` tells the caller to restart it.
 */
export async function runScenario(scenario: Scenario, server: Server, cookies: Record<string, string>, durationS: number): Promise<ScenarioResult> {
  const request = requestOf(scenario, server.origin, cookies);
  const url = `${server.origin}${scenario.path}`;
  const capMs = Math.max(MIN_CAP_MS, durationS * 4_000);
  const base = { name: scenario.name, path: scenario.path, kind: scenario.kind };
  // Untimed: checks the scenario answers as expected, and warms the route up.
  let single: number;
  try {
    let first = await timeOne(url, request, SINGLE_TIMEOUT_MS);
    if (first.status >= 400) throw new Error(`${scenario.name}: ${request.method} ${scenario.path} answered ${first.status}.`);
    if (first.ms <= (durationS * 1000) / 4) first = await timeOne(url, request, SINGLE_TIMEOUT_MS);
    single = first.ms;
  } catch (error) {
    if (!(error instanceof DOMException && error.name === "TimeoutError")) throw error;
    const none = { requests: 0, durationS: SINGLE_TIMEOUT_MS / 1000, p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, requestsPerS: 0 };
    return { ...base, ...none, errors: 1, statuses: {}, mode: "single", cutShort: true, maxRssMb: Math.round(readRssMb(server.pid)) };
  }
  if (single > capMs) {
    const alone = { requests: 1, durationS: Number((single / 1000).toFixed(1)), p50Ms: single, p95Ms: single, p99Ms: single, requestsPerS: 0 };
    return { ...base, ...alone, errors: 0, statuses: {}, mode: "single", cutShort: false, maxRssMb: Math.round(readRssMb(server.pid)) };
  }
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let maxRssMb = readRssMb(server.pid);
  const sampler = setInterval(() => (maxRssMb = Math.max(maxRssMb, readRssMb(server.pid))), RSS_SAMPLE_MS);
  const slow = single > (durationS * 1000) / 4;
  const perConnection = single > 5_000 ? 1 : 2;
  const started = performance.now();
  const options = {
    url,
    connections: CONNECTIONS,
    ...(slow ? { amount: CONNECTIONS * perConnection } : { duration: durationS }),
    timeout: 120,
    ...request,
  };
  let cutShort = false;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
    const cap = setTimeout(() => {
      cutShort = true;
      instance.stop();
    }, capMs);
    instance.once("done", () => clearTimeout(cap));
  });
  clearInterval(sampler);
  const elapsedS = (performance.now() - started) / 1000;
  const failedAnswers = Object.entries(statuses).filter(([status]) => Number(status) >= 400).reduce((sum, [, count]) => sum + count, 0);
  // Requests still unanswered when the run was cut short count as timeouts.
  const unanswered = cutShort ? Math.max(0, result.requests.sent - latencies.length) : 0;
  return {
    ...base,
    requests: latencies.length,
    durationS: Number(elapsedS.toFixed(1)),
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    requestsPerS: Number((latencies.length / elapsedS).toFixed(1)),
    errors: failedAnswers + result.errors + unanswered, // autocannon counts timeouts among its errors
    mode: slow ? "fixed" : "timed",
    cutShort,
    statuses,
    maxRssMb: Math.round(Math.max(maxRssMb, readRssMb(server.pid))),
  };
}
