import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";

/** Where tests/e2e/server.ts keeps the app server's pid and clock offset (see app-clock.mjs). */
export const CLOCK_FILE = path.resolve(import.meta.dirname, "../../.output/app-clock");
export const APP_PID_FILE = `${CLOCK_FILE}.pid`;

/** Moves the app server's clock to `days` after the real time (0 brings it back), and waits until it has. */
export async function setAppClock(days: number): Promise<void> {
  const offset = String(Math.round(days * 24 * 60 * 60 * 1000));
  const pid = Number(await readFile(APP_PID_FILE, "utf8"));
  await rm(`${CLOCK_FILE}.ack`, { force: true });
  await writeFile(CLOCK_FILE, offset);
  process.kill(pid, "SIGUSR2");
  await expect.poll(() => readFile(`${CLOCK_FILE}.ack`, "utf8").catch(() => "")).toBe(offset);
}
