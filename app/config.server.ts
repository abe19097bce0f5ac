import { hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The whole configuration, read from the environment through one schema. The server checks
 * it once at start and refuses to run with a clear list of problems; everything else reads
 * it through `config()`, so a typo never silently falls back to a default.
 */
const booleanFlag = z.enum(["true", "false"]).transform((value) => value === "true");
const positiveInt = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((value) => value > 0, `${name} must be greater than 0`);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .refine(
        (value) => value === "memory:" || /^postgres(ql)?:\/\/[^/]/.test(value),
        "DATABASE_URL must be a postgresql:// address (or memory: for tests); leave it unset for the embedded database",
      )
      .optional(),
    DATABASE_POOL_SIZE: positiveInt("DATABASE_POOL_SIZE").default("10"),
    PGLITE_DIR: z.string().min(1).optional(),
    STORAGE_DIR: z.string().min(1).optional(),
    SMTP_URL: z
      .string()
      .refine((value) => /^smtps?:\/\/[^/]/.test(value), "SMTP_URL must be an smtp:// or smtps:// address")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Lauréat <ne-pas-repondre@laureat.localhost>"),
    APP_URL: z
      .string()
      .url("APP_URL must be an address such as https://laureat.example.org")
      .refine((value) => /^https?:/.test(value), "APP_URL must start with http:// or https://")
      .optional(),
    PORT: positiveInt("PORT").default("3000"),
    SESSION_SECRET: z.string().min(16, "SESSION_SECRET must hold at least 16 characters").optional(),
    SESSION_IDLE_MINUTES: positiveInt("SESSION_IDLE_MINUTES").default("120"),
    SESSION_MAX_HOURS: positiveInt("SESSION_MAX_HOURS").default("12"),
    DEMO_MODE: booleanFlag.default("true"),
    TRUST_PROXY: z
      .string()
      .regex(/^\d+$/, "TRUST_PROXY must be the number of proxies in front of the app (0 when none)")
      .transform(Number)
      .default("0"),
    SECURITY_CONTACT: z.string().email("SECURITY_CONTACT must be an email address").optional(),
    AGENCY_NAME: z.string().min(2).optional(),
    AGENCY_ADDRESS: z.string().min(2).default("20 avenue de Ségur, 75007 Paris"),
    PUBLICATION_DIRECTOR: z.string().min(2).default("La directrice générale de l’agence"),
    CONTACT_EMAIL: z.string().email("CONTACT_EMAIL must be an email address").optional(),
  })
  .superRefine((env, ctx) => {
    // Several servers sharing a database must sign cookies with the same key: a key generated
    // per host would log people out at random.
    if (env.NODE_ENV === "production" && env.DATABASE_URL && env.DATABASE_URL !== "memory:" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "SESSION_SECRET is required in production with a DATABASE_URL (the same value on every server)",
      });
    }
  });

type Env = z.output<typeof envSchema>;
const KEYS = Object.keys(envSchema._def.schema.shape) as (keyof Env)[];

export interface Config {
  env: Env;
  appUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Pure: validates a set of variables; used at start-up and by `config()`. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const picked = Object.fromEntries(KEYS.map((key) => [key, source[key] === "" ? undefined : source[key]]));
  const result = envSchema.safeParse(picked);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const env = result.data;
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return { env, appUrl };
}

let cached: { key: string; config: Config } | undefined;

/** The validated configuration of this process; parsed again only when the environment changed. */
export function config(): Config {
  const key = KEYS.map((name) => process.env[name] ?? "").join("\u0000");
  if (cached?.key !== key) cached = { key, config: parseConfig(process.env) };
  return cached.config;
}

/** Public address of the app, used in emails and letters. */
export function appUrl(): string {
  return config().appUrl;
}

/** Links put in emails: the applicant's file page. */
export function applicantFileUrl(applicationId: string): string {
  return `${appUrl()}/espace/dossiers/${applicationId}`;
}

/** Where vulnerabilities are reported (security.txt): SECURITY_CONTACT, else the app's own domain. */
export function securityContact(): string {
  return config().env.SECURITY_CONTACT ?? `securite@${new URL(appUrl()).hostname}`;
}

/** Who operates this service, as the legal notice and the personal data page name them. */
export function siteOperator(): { name: string; address: string; publicationDirector: string; contactEmail: string } {
  const { env } = config();
  return {
    name: env.AGENCY_NAME ?? DEFAULT_AGENCY.name,
    address: env.AGENCY_ADDRESS,
    publicationDirector: env.PUBLICATION_DIRECTOR,
    contactEmail: env.CONTACT_EMAIL ?? `contact@${new URL(appUrl()).hostname}`,
  };
}

/** A session ends after this long without a request, and in any case after its absolute lifetime. */
export function sessionLimits(): { idleMs: number; maxMs: number } {
  const { env } = config();
  return { idleMs: env.SESSION_IDLE_MINUTES * 60_000, maxMs: env.SESSION_MAX_HOURS * 3600_000 };
}

/** Demo mode shows the demo accounts on the login page; on unless DEMO_MODE=false. */
export function isDemoMode(): boolean {
  return config().env.DEMO_MODE;
}

let generatedSecret: string | undefined;

/**
 * Signs session and flash cookies. Without SESSION_SECRET (the embedded demo), one is
 * generated once and kept beside the embedded database; several servers sharing a PostgreSQL
 * database must all be given the same SESSION_SECRET (enforced in production).
 */
export function appSecret(): string {
  const configured = config().env.SESSION_SECRET;
  if (configured) return configured;
  if (generatedSecret) return generatedSecret;
  const file = path.join(process.cwd(), "data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  generatedSecret = readFileSync(file, "utf8").trim();
  return generatedSecret;
}

/**
 * A key for one purpose only, derived from the app secret (HKDF), so that a code printed on
 * a letter reveals nothing usable against session cookies, and the other way round.
 */
export function derivedKey(purpose: "letter-verification"): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret(), "laureat", purpose, 32));
}

/** The agency that signs letters when a call does not name one. */
export const DEFAULT_AGENCY = {
  name: "Agence nationale de la cohésion des territoires",
  signatoryName: "",
  signatoryTitle: "La directrice des programmes",
};
