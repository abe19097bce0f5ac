/**
 * First-load JavaScript of the application form page (/espace/dossiers/:id), gzipped, read from
 * the last `remix build`: the browser entry, the root route, the page's route module, the
 * shared chunks they import, and the route manifest. Chunks those files load with `import()`
 * (the dictionary of the page's language) are added too, the largest one, since a page loads
 * exactly one of them.
 *
 * Run: `npx remix build && npx tsx tests/bench/bundle-size.ts`; exits 1 above the budget.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

export const BUNDLE_BUDGET_BYTES = 100 * 1024;
const PAGE_ROUTE = "routes/espace.dossiers.$id";
const PUBLIC_DIR = path.resolve(import.meta.dirname, "../../public");

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface Manifest {
  url: string;
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry>;
}

export interface BundleSize {
  route: string;
  files: { url: string; gzipBytes: number }[];
  /** Loaded after the entry starts, one of them per page. */
  onDemand: { url: string; gzipBytes: number }[];
  totalGzipBytes: number;
  budgetBytes: number;
}

function readManifest(): Manifest {
  const buildDir = path.join(PUBLIC_DIR, "build");
  const file = readdirSync(buildDir).find((name) => /^manifest-[A-Z0-9]+\.js$/.test(name));
  if (!file) throw new Error("No build manifest in public/build: run `npx remix build` first.");
  const source = readFileSync(path.join(buildDir, file), "utf8");
  const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Omit<Manifest, "url">;
  return { ...manifest, url: `/build/${file}` };
}

const read = (url: string) => readFileSync(path.join(PUBLIC_DIR, url));
const gzipBytes = (url: string) => gzipSync(read(url), { level: 9 }).length;

/** `import("./chunk-X.js")` targets of a built file, as site URLs. */
function dynamicImportsOf(url: string): string[] {
  const source = read(url).toString("utf8");
  return [...source.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => path.posix.resolve(path.posix.dirname(url), m[1]!));
}

export function measureBundle(route = PAGE_ROUTE): BundleSize {
  const manifest = readManifest();
  const page = manifest.routes[route];
  const root = manifest.routes.root;
  if (!page || !root) throw new Error(`The build has no route ${route}.`);
  const urls = new Set([manifest.url, manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const entry of [root, page]) for (const url of [entry.module, ...(entry.imports ?? [])]) urls.add(url);
  const files = [...urls].map((url) => ({ url, gzipBytes: gzipBytes(url) }));
  const onDemand = [...new Set([...urls].flatMap(dynamicImportsOf))]
    .filter((url) => !urls.has(url))
    .map((url) => ({ url, gzipBytes: gzipBytes(url) }));
  const largestOnDemand = Math.max(0, ...onDemand.map((f) => f.gzipBytes));
  const totalGzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0) + largestOnDemand;
  return { route, files, onDemand, totalGzipBytes, budgetBytes: BUNDLE_BUDGET_BYTES };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function printBundle(size: BundleSize): boolean {
  console.log(`\nFirst-load JavaScript of ${size.route} (gzip -9)`);
  for (const f of [...size.files].sort((a, b) => b.gzipBytes - a.gzipBytes)) console.log(`  ${kb(f.gzipBytes).padStart(9)}  ${f.url}`);
  for (const f of size.onDemand) console.log(`  ${kb(f.gzipBytes).padStart(9)}  ${f.url} (import(), one per page)`);
  const ok = size.totalGzipBytes <= size.budgetBytes;
  console.log(`  ${kb(size.totalGzipBytes).padStart(9)}  total, budget ${kb(size.budgetBytes)}: ${ok ? "PASS" : "FAIL"}`);
  return ok;
}

const entryPoint = process.argv[1];
if (entryPoint && import.meta.url === pathToFileURL(entryPoint).href) {
  process.exitCode = printBundle(measureBundle()) ? 0 : 1;
}
