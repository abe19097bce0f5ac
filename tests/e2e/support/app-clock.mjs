/**
 * Loaded into the app server of the browser tests only (tests/e2e/server.ts passes it with
 * `--import`): lets a test move the app's clock forward, for instance past a call's closing
 * instant. Everything in the process reads the shifted time, including the embedded database,
 * whose clock comes from Date.now(). On SIGUSR2 the offset in ms is read from the file named
 * by E2E_CLOCK_FILE and acknowledged in `<file>.ack`; the process's pid is in `<file>.pid`
 * (see app-clock.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";

const file = process.env.E2E_CLOCK_FILE;
const RealDate = Date;
let offset = 0;

class AppDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = AppDate;

if (file) {
  writeFileSync(`${file}.pid`, String(process.pid));
  process.on("SIGUSR2", () => {
    offset = Number(readFileSync(file, "utf8"));
    writeFileSync(`${file}.ack`, String(offset));
  });
}
