/**
 * Starts Lauréat: checks the configuration, then serves the Remix build through the HTTP
 * layer of app/http/app.server.ts. `npm start` (production build) and `npm run dev` (rebuilt
 * on change by `remix dev`) both come here.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { ConfigError, config } from "~/config.server";
import { createHttpApp } from "~/http/app.server";

const BUILD_PATH = path.resolve("build/index.js");

function readConfig() {
  try {
    return config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const { env, appUrl } = readConfig();
const development = env.NODE_ENV === "development";

// tsx turns on source maps for the TypeScript it runs. The production build carries none, and
// with them on Node parses the server's maps again for every error it builds, including the one
// each streamed response creates when its reader is released: about 2 ms per page.
if (!development) process.setSourceMapsEnabled(false);

async function importBuild(): Promise<ServerBuild> {
  const { mtimeMs } = await stat(BUILD_PATH);
  return (await import(`${pathToFileURL(BUILD_PATH).href}?t=${mtimeMs}`)) as ServerBuild;
}

let current = await importBuild();

/** In development, each request picks up the latest build that `remix dev` wrote. */
async function latestBuild(): Promise<ServerBuild> {
  const next = await importBuild();
  if (next !== current) {
    current = next;
    await broadcastDevReady(current);
  }
  return current;
}

const app = createHttpApp({
  build: development ? latestBuild : current,
  appUrl,
  trustProxy: env.TRUST_PROXY,
  mode: env.NODE_ENV,
});

const server = app.listen(env.PORT, () => {
  console.log(`Lauréat is listening on ${appUrl} (port ${env.PORT})`);
  if (development) void broadcastDevReady(current);
});

// The database closes on the same signals (app/db.server.ts); stop taking requests first.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close());
