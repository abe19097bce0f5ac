/**
 * The app as the browser tests see it: a freshly seeded embedded database, its own upload
 * folder, and a loopback SMTP server that files every message it receives as JSON for
 * tests/e2e/support/mailbox.ts. Started by Playwright's `webServer` after the build.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { MAIL_DIR, type CaughtMail } from "./support/mailbox";
import { CLOCK_FILE } from "./support/app-clock";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PORT = 3100;
const SMTP_PORT = 2526;
const WORK_DIR = path.join(ROOT, "tests/.output", `e2e-${process.pid}`);
const BIN = path.join(ROOT, "node_modules/.bin");
/** Lets the tests move the app's clock (tests/e2e/support/app-clock.mjs). */
const CLOCK_MODULE = path.join(ROOT, "tests/e2e/support/app-clock.mjs");

let received = 0;

async function fileMessage(raw: Buffer, recipients: string[]): Promise<void> {
  const parsed = await simpleParser(raw);
  const mail: CaughtMail = {
    to: recipients.map((address) => address.toLowerCase()),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? "",
      contentType: a.contentType,
      size: a.size,
      base64: a.content.toString("base64"),
    })),
  };
  received += 1;
  const file = path.join(MAIL_DIR, `${Date.now()}-${String(received).padStart(4, "0")}.json`);
  // Written aside then renamed, so a polling reader never sees half a message.
  await writeFile(`${file}.part`, JSON.stringify(mail, null, 2));
  await rename(`${file}.part`, file);
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      fileMessage(Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address)).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    });
  },
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
}

function succeeded(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${child.spawnargs.join(" ")} ended with ${signal ?? code}`)),
    );
  });
}

// A DATABASE_URL from the caller's shell would point the tests at a real database.
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  PGLITE_DIR: path.join(WORK_DIR, "db"),
  STORAGE_DIR: path.join(WORK_DIR, "uploads"),
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  APP_URL: `http://localhost:${PORT}`,
  SESSION_SECRET: "e2e-session-secret",
  PORT: String(PORT),
};

let app: ChildProcess | undefined;
let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (app && app.exitCode === null && app.signalCode === null) {
    const child = app;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    // The server closes its listener on SIGTERM but the process may linger on open handles;
    // the database is thrown away anyway.
    const lingering = setTimeout(() => child.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(lingering);
  }
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await rm(WORK_DIR, { recursive: true, force: true });
  process.exit(code);
}

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(0));

try {
  await rm(MAIL_DIR, { recursive: true, force: true });
  await mkdir(MAIL_DIR, { recursive: true });
  await mkdir(WORK_DIR, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(SMTP_PORT, "127.0.0.1", () => resolve());
  });
  await succeeded(run(path.join(BIN, "tsx"), ["prisma/seed.ts"], env));
  app = run(path.join(BIN, "tsx"), ["--import", CLOCK_MODULE, "app/server.ts"], { ...env, NODE_ENV: "production", E2E_CLOCK_FILE: CLOCK_FILE });
  app.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`The app server ended unexpectedly (${signal ?? code})`);
    void stop(1);
  });
} catch (error) {
  console.error(error);
  await stop(1);
}
