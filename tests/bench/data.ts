/**
 * A large call for benchmarks, the same from the same seed: `npm run bench:data -- --files 2000
 * [--seed 1] [--database <url>] [--out <file.json>]`. It migrates the database the app would use (PGLITE_DIR, or
 * DATABASE_URL, or --database) and adds, beside whatever is there:
 * - a closed call with 8 weighted criteria and `files` submitted files, one per organisation,
 *   each scored by 3 of 150 experts (about 1 in 20 ineligible, the best 5 % already decided);
 * - an open call on which one applicant in ten has a draft, the first applicant included;
 * - the audit events the services would have written, chained as `recordAudit` chains them.
 * Every account shares one password, printed at the end. Rows go in with multi-row inserts,
 * in one transaction.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Tx } from "~/db.server";
import type { DecisionOutcome } from "~/generated/prisma/enums";
import { hashPassword } from "~/auth/password.server";
import { chainAuditEvents, type AuditEntry } from "~/audit.server";
import { formatReceiptNumber } from "~/domain/application-status";
import { refreshRanking } from "~/services/ranking-queries.server";
import { completeSiret, luhnSum } from "~/domain/siret";
import {
  addDays,
  callRecord,
  CRITERIA,
  demoId,
  ELIGIBLE_NOTE,
  fullContent,
  INELIGIBILITY_NOTES,
  ORGANIZATIONS,
  Random,
  reviewRecord,
  slugify,
  STREETS,
  weightedScore,
  type Applicant,
  type CriterionSeed,
  type DemoCriterion,
  type DemoOrganization,
  type DemoUser,
} from "../../prisma/demo-data";

export const BENCH_PASSWORD = "laureat-mesure";
const EXPERTS = 150;
const REVIEWERS_PER_FILE = 3;
const INELIGIBLE_EVERY = 20;
const DECIDED_SHARE = 0.05;
const DRAFT_SHARE = 0.1;
const EMAIL_DOMAIN = "grappes-mesure.test";

/** Four more criteria after the demo call's four: a fuller grid, as national calls use. */
const EXTRA_CRITERIA: readonly CriterionSeed[] = [
  {
    label: "Ouverture internationale",
    description: "Le programme aide-t-il les membres à prospecter et à vendre hors de France ?",
    weight: 10,
    threshold: null,
    comments: [["Volet international absent ou symbolique."], ["Quelques actions à l'export, sans objectifs chiffrés."], ["Plan export précis, appuyé sur des partenaires à l'étranger."]],
  },
  {
    label: "Innovation et transfert de technologie",
    description: "Les liens avec les laboratoires et centres techniques débouchent-ils sur des projets concrets ?",
    weight: 10,
    threshold: null,
    comments: [["Aucun lien établi avec la recherche."], ["Partenariats de recherche annoncés, encore peu concrets."], ["Projets collaboratifs déjà engagés avec deux laboratoires."]],
  },
  {
    label: "Transition écologique",
    description: "Le programme réduit-il l'empreinte environnementale des entreprises membres ?",
    weight: 10,
    threshold: null,
    comments: [["L'environnement n'est pas abordé."], ["Intentions générales sur la sobriété des procédés."], ["Objectifs de réduction mesurables et suivis."]],
  },
  {
    label: "Capacité financière de la structure",
    description: "Le plan de financement est-il équilibré et les cofinancements acquis ?",
    weight: 5,
    threshold: null,
    comments: [["Cofinancements incertains."], ["Plan de financement plausible, cofinancements en cours."], ["Cofinancements acquis, trésorerie saine."]],
  },
];
const GRID: readonly CriterionSeed[] = [...CRITERIA, ...EXTRA_CRITERIA];
const STRUCTURE_KINDS = ["Grappe", "Pôle", "Réseau", "Cluster"] as const;

export interface BenchDataOptions {
  files: number;
  seed: number;
  now: Date;
}

/** What the HTTP benchmarks need to find their way in the generated data. */
export interface BenchData {
  callId: string;
  callSlug: string;
  openCallId: string;
  /** A submitted, reviewed file of the large call. */
  fileId: string;
  staffEmail: string;
  reviewerEmail: string;
  /** Owner of `draftId` on the open call, and of `fileId`'s organisation. */
  applicantEmail: string;
  draftId: string;
  password: string;
  counts: Record<string, number>;
}

type Event = Omit<AuditEntry, "at"> & { createdAt: Date };

/** A SIRET from a running number, so that organisations never collide; the SIREN carries its own Luhn digit. */
function benchSiret(seed: number, index: number): string {
  const body = `3${seed % 10}${String(index).padStart(6, "0")}`;
  const sirenCheck = [...Array(10).keys()].find((digit) => luhnSum(`${body}${digit}`) % 10 === 0);
  return completeSiret(`${body}${sirenCheck}0001`);
}

const clampScore = (score: number) => Math.min(5, Math.max(0, score));
const pad = (n: number, width: number) => String(n).padStart(width, "0");

function commentFor(random: Random, criterion: CriterionSeed, score: number): string {
  const [low, mid, high] = criterion.comments;
  return random.pick(score <= 2 ? low : score === 3 ? mid : high);
}

export function buildBenchData({ files, seed, now }: BenchDataOptions) {
  const random = new Random(seed);
  const key = `bench:${seed}:${files}`;
  const code = `MESURE-${seed}-${files}`;
  const opensAt = addDays(now, -120);
  const closesAt = addDays(now, -60);
  const eligibilityAt = addDays(now, -55);
  const assignedAt = addDays(now, -50);
  const reviewDeadline = addDays(now, -20);
  const committeeDate = addDays(now, -10);
  const events: Event[] = [];
  const audit = (actorId: string, action: string, entityType: string, entityId: string, createdAt: Date, after: unknown, before?: unknown) =>
    events.push({ actorId, action, entityType, entityId, before, after, createdAt });

  const staffUser = (name: string) => ({
    id: demoId(`${key}:user:${name}`),
    email: `${name}@${EMAIL_DOMAIN}`,
    name: `${name === "instruction" ? "Chargée d'instruction" : "Direction"} (mesure ${seed})`,
    role: "STAFF" as const,
    locale: "fr",
    createdAt: addDays(now, -400),
  });
  const instruction = staffUser("instruction");
  const direction = staffUser("direction");
  const experts = Array.from({ length: EXPERTS }, (_, i) => ({
    id: demoId(`${key}:expert:${i}`),
    email: `expert-${pad(i + 1, 3)}@${EMAIL_DOMAIN}`,
    name: `Expert n° ${i + 1} (mesure ${seed})`,
    role: "REVIEWER" as const,
    locale: i % 10 === 9 ? "en" : "fr",
    createdAt: addDays(now, -300),
  }));

  const projects: Applicant[] = [];
  const memberships: object[] = [];
  for (let i = 0; i < files; i++) {
    const place = random.pick(ORGANIZATIONS);
    const trade = random.pick(ORGANIZATIONS);
    const legalName = `${random.pick(STRUCTURE_KINDS)} ${trade.sector} ${place.city}`;
    const siret = benchSiret(seed, i);
    const createdAt = addDays(opensAt, -random.int(30, 900));
    const organization: DemoOrganization = {
      id: demoId(`${key}:organization:${siret}`),
      legalName,
      siret,
      legalForm: place.legalForm ?? "Association loi 1901",
      addressLine: `${random.int(1, 148)} ${random.pick(STREETS)}`,
      postalCode: place.postalCode,
      city: place.city,
      region: place.region,
      sector: trade.sector,
      membersCount: random.int(15, 180),
      createdAt,
    };
    const owner: DemoUser = {
      id: demoId(`${key}:applicant:${i}`),
      email: `delegation-${pad(i + 1, 5)}@${EMAIL_DOMAIN}`,
      name: `Délégation générale, ${legalName}`,
      role: "APPLICANT",
      locale: i % 8 === 7 ? "en" : "fr",
      createdAt,
    };
    memberships.push({ id: demoId(`${key}:membership:${i}`), userId: owner.id, organizationId: organization.id, role: "OWNER", createdAt });
    projects.push({ organization, owner, project: trade.project });
    audit(owner.id, "user.registered", "User", owner.id, createdAt, { email: owner.email });
    audit(owner.id, "organization.created", "Organization", organization.id, addDays(createdAt, 1 / 24), { legalName, siret });
  }

  const call = {
    ...callRecord({
      code,
      slug: slugify(`appel de mesure ${seed} ${files} dossiers`),
      title: `Dynamique des grappes d'entreprises — appel de mesure (${files} dossiers)`,
      status: "PUBLISHED",
      opensAt,
      closesAt,
      // About one file in five can be funded at the mean request.
      budgetCents: BigInt(Math.ceil(files / 5)) * 260_000_00n,
      reviewDeadline,
      receiptCounter: files,
      createdAt: addDays(opensAt, -30),
    }),
    reviewersPerFile: REVIEWERS_PER_FILE,
  };
  const criteria: DemoCriterion[] = GRID.map((c, index) => ({
    id: demoId(`${key}:criterion:${index + 1}`),
    callId: call.id,
    position: index + 1,
    label: c.label,
    description: c.description,
    weight: c.weight,
    scaleMax: 5,
    threshold: c.threshold,
  }));

  const applications: Record<string, unknown>[] = [];
  const assignments: object[] = [];
  const reviews: object[] = [];
  const reviewScores: object[] = [];
  const scored: { id: string; requested: number; weighted: number }[] = [];
  // Submission instants spread over the opening period, in order, so receipt numbers follow them.
  const step = (closesAt.getTime() - opensAt.getTime()) / (files + 1);
  projects.forEach((p, i) => {
    const id = demoId(`${key}:application:${i}`);
    const submittedAt = new Date(opensAt.getTime() + Math.round(step * (i + 1)));
    const createdAt = addDays(submittedAt, -random.int(1, 20));
    const ineligible = i % INELIGIBLE_EVERY === INELIGIBLE_EVERY - 1;
    const content = fullContent(random, p);
    const receiptNumber = formatReceiptNumber(code, i + 1);
    applications.push({
      id,
      callId: call.id,
      organizationId: p.organization.id,
      createdById: p.owner.id,
      formVersion: 1,
      ...content,
      status: ineligible ? "INELIGIBLE" : "REVIEWED",
      receiptNumber,
      submittedAt,
      eligibilityNote: ineligible ? random.pick(INELIGIBILITY_NOTES) : ELIGIBLE_NOTE,
      createdAt,
      updatedAt: ineligible ? eligibilityAt : reviewDeadline,
    });
    audit(p.owner.id, "application.created", "Application", id, createdAt, { status: "DRAFT", callId: call.id });
    audit(p.owner.id, "application.submitted", "Application", id, submittedAt, { status: "SUBMITTED", receiptNumber, submittedAt }, { status: "DRAFT" });
    audit(instruction.id, ineligible ? "application.ineligible" : "application.eligible", "Application", id, eligibilityAt,
      { status: ineligible ? "INELIGIBLE" : "ELIGIBLE", note: ineligible ? "" : ELIGIBLE_NOTE }, { status: "SUBMITTED" });
    if (ineligible) return;

    const quality = 1.5 + random.int(0, 33) / 10;
    const means = criteria.map(() => 0);
    for (let r = 0; r < REVIEWERS_PER_FILE; r++) {
      // Consecutive experts per file, shifted by file: each expert gets the same share.
      const reviewer = experts[(i * REVIEWERS_PER_FILE + r) % EXPERTS]!;
      const assignment = {
        id: demoId(`${key}:assignment:${i}:${r}`),
        applicationId: id,
        reviewerId: reviewer.id,
        assignedById: instruction.id,
        dueAt: reviewDeadline,
        status: "SUBMITTED" as const,
        createdAt: assignedAt,
      };
      const scores = criteria.map(() => clampScore(Math.round(quality + (random.int(0, 16) - 8) / 10)));
      scores.forEach((score, c) => (means[c]! += score / REVIEWERS_PER_FILE));
      const review = reviewRecord(random, assignment, criteria, scores, reviewDeadline);
      assignments.push(assignment);
      reviews.push(review);
      criteria.forEach((criterion, c) =>
        reviewScores.push({ id: demoId(`${key}:score:${review.id}:${c}`), reviewId: review.id, criterionId: criterion.id, score: scores[c]!, comment: commentFor(random, GRID[c]!, scores[c]!) }),
      );
      audit(instruction.id, "assignment.created", "Assignment", assignment.id, assignedAt,
        { applicationId: id, reviewerId: reviewer.id, dueAt: reviewDeadline, applicationStatus: "UNDER_REVIEW" }, { applicationStatus: r === 0 ? "ELIGIBLE" : "UNDER_REVIEW" });
      audit(reviewer.id, "review.submitted", "Review", review.id, review.submittedAt, {
        scores: criteria.map((criterion, c) => ({ criterionId: criterion.id, score: scores[c] })),
        recommendation: review.recommendation,
        overallComment: review.overallComment,
        applicationStatus: r === REVIEWERS_PER_FILE - 1 ? "REVIEWED" : "UNDER_REVIEW",
      });
    }
    scored.push({ id, requested: Number(content.requestedCents), weighted: weightedScore(criteria, means) });
  });

  // The committee's first sitting decided the best files: laureates within the envelope, then the waitlist.
  const decisions: object[] = [];
  const byId = new Map(applications.map((a) => [a.id as string, a]));
  let remaining = call.budgetCents;
  scored
    .sort((a, b) => b.weighted - a.weighted)
    .slice(0, Math.ceil(files * DECIDED_SHARE))
    .forEach((entry, index) => {
      const outcome: DecisionOutcome = BigInt(entry.requested) <= remaining ? "LAUREATE" : "WAITLISTED";
      if (outcome === "LAUREATE") remaining -= BigInt(entry.requested);
      const decision = {
        id: demoId(`${key}:decision:${entry.id}`),
        applicationId: entry.id,
        outcome,
        awardedCents: outcome === "LAUREATE" ? entry.requested : null,
        motivation: `Le comité de sélection classe le projet au rang ${index + 1} avec une note pondérée de ${entry.weighted.toFixed(2).replace(".", ",")}/5.`,
        rank: index + 1,
        committeeDate,
        decidedById: direction.id,
        createdAt: committeeDate,
      };
      decisions.push(decision);
      const application = byId.get(entry.id)!;
      application.status = outcome;
      application.updatedAt = committeeDate;
      audit(direction.id, "decision.recorded", "Decision", decision.id, committeeDate,
        { status: outcome, outcome, awardedCents: decision.awardedCents, motivation: decision.motivation, rank: decision.rank, committeeDate }, { status: "REVIEWED", decision: null });
    });

  const openCall = callRecord({
    code: `${code}-OUVERT`,
    slug: slugify(`appel ouvert de mesure ${seed} ${files}`),
    title: `Dynamique des grappes d'entreprises — appel ouvert de mesure (${files} dossiers)`,
    status: "PUBLISHED",
    opensAt: addDays(now, -10),
    closesAt: addDays(now, 50),
    budgetCents: 6_000_000_00n,
    reviewDeadline: addDays(now, 90),
    receiptCounter: 0,
    createdAt: addDays(now, -20),
  });
  const openCriteria = criteria.map((c, index) => ({ ...c, id: demoId(`${key}:open-criterion:${index + 1}`), callId: openCall.id }));
  const drafts = projects.slice(0, Math.max(1, Math.ceil(files * DRAFT_SHARE))).map((p, i) => {
    const createdAt = addDays(now, -random.int(1, 9));
    const draft = {
      id: demoId(`${key}:draft:${i}`),
      callId: openCall.id,
      organizationId: p.organization.id,
      createdById: p.owner.id,
      formVersion: 1,
      ...fullContent(random, p),
      status: "DRAFT" as const,
      createdAt,
      updatedAt: createdAt,
    };
    audit(p.owner.id, "application.created", "Application", draft.id, createdAt, { status: "DRAFT", callId: openCall.id });
    return draft;
  });

  return {
    code,
    users: [instruction, direction, ...experts, ...projects.map((p) => p.owner)],
    organizations: projects.map((p) => p.organization),
    memberships,
    calls: [call, openCall],
    criteria: [...criteria, ...openCriteria],
    applications: [...applications, ...drafts],
    assignments,
    reviews,
    reviewScores,
    decisions,
    audit: chainAuditEvents(events),
    pointers: {
      callId: call.id,
      callSlug: call.slug,
      openCallId: openCall.id,
      fileId: applications[0]!.id as string,
      staffEmail: instruction.email,
      reviewerEmail: experts[0]!.email,
      applicantEmail: projects[0]!.owner.email,
      draftId: drafts[0]!.id,
    },
  };
}

/**
 * One multi-row INSERT per batch, each value cast to its column's type as the database
 * reports it (enums, jsonb, timestamps): Prisma's createMany costs several times more per row
 * on PGlite. Batches stay well under PostgreSQL's 65,535 parameters per statement.
 */
async function insertRows(tx: Tx, table: string, rows: object[]) {
  if (rows.length === 0) return;
  const types = new Map(
    (await tx.$queryRaw<{ name: string; type: string }[]>`
      SELECT column_name::text AS name, udt_name::text AS type FROM information_schema.columns WHERE table_name = ${table}`).map((c) => [c.name, c.type]),
  );
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const casts = columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table} has no column ${column}`);
    return `::"${type}"`;
  });
  const size = Math.floor(30_000 / columns.length);
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const values = columns.map((column, c) => {
        params.push(toParam((row as Record<string, unknown>)[column]));
        return `$${params.length}${casts[c]}`;
      });
      return `(${values.join(",")})`;
    });
    const names = columns.map((column) => `"${column}"`).join(",");
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(",")}`, ...params);
  }
}

function toParam(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

export async function generateBenchData(prisma: PrismaClient, options: BenchDataOptions): Promise<BenchData> {
  const data = buildBenchData(options);
  if (await prisma.call.findUnique({ where: { code: data.code }, select: { id: true } })) {
    throw new Error(`The call ${data.code} already exists in this database: use another --seed or a fresh database.`);
  }
  // argon2id is deliberately slow: every account shares one hash.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await prisma.$transaction(
    async (tx) => {
      const now = new Date();
      // Prisma fills @updatedAt itself; a raw INSERT must name it.
      const stamped = (rows: object[]) => rows.map((row) => ({ updatedAt: now, ...row }));
      await insertRows(tx, "User", stamped(data.users.map((user) => ({ ...user, passwordHash, emailVerifiedAt: user.createdAt }))));
      await insertRows(tx, "Organization", stamped(data.organizations));
      await insertRows(tx, "Membership", data.memberships);
      await insertRows(tx, "Call", stamped(data.calls));
      await insertRows(tx, "Criterion", data.criteria);
      await insertRows(tx, "Application", data.applications);
      await insertRows(tx, "Assignment", stamped(data.assignments));
      await insertRows(tx, "Review", stamped(data.reviews));
      await insertRows(tx, "ReviewScore", data.reviewScores);
      await insertRows(tx, "Decision", stamped(data.decisions));
      await insertRows(tx, "AuditEvent", data.audit.events.map((e) => ({ id: demoId(`audit:${e.entityType}:${e.entityId}:${e.seq}`), ...e })));
      await insertRows(tx, "AuditChainHead", data.audit.heads);
      // Written in bulk, the files skipped the transactions that keep the stored ranking.
      for (const call of data.calls) await refreshRanking(tx, call.id);
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  return {
    ...data.pointers,
    password: BENCH_PASSWORD,
    counts: {
      users: data.users.length,
      organizations: data.organizations.length,
      applications: data.applications.length,
      reviews: data.reviews.length,
      reviewScores: data.reviewScores.length,
      decisions: data.decisions.length,
      auditEvents: data.audit.events.length,
    },
  };
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      files: { type: "string", default: "2000" },
      seed: { type: "string", default: "1" },
      database: { type: "string" },
      // Where the benchmarks read the ids and accounts to use.
      out: { type: "string" },
    },
  });
  const files = Number(values.files);
  const seed = Number(values.seed);
  if (!Number.isInteger(files) || files < 1 || !Number.isInteger(seed) || seed < 0) {
    throw new Error("Usage: npm run bench:data -- --files <count ≥ 1> [--seed <integer ≥ 0>] [--database <postgresql://…>]");
  }
  return { files, seed, database: values.database, out: values.out };
}

const entryPoint = process.argv[1];
if (entryPoint && import.meta.url === pathToFileURL(entryPoint).href) {
  const { files, seed, database: url, out } = readOptions();
  if (url) process.env.DATABASE_URL = url;
  // Imported only now: the client is created for the database chosen above.
  const { database } = await import("~/db.server");
  const { applyMigrations } = await import("~/db/migrations.server");
  const { analyzeStaleTables } = await import("~/db/maintenance.server");
  const started = performance.now();
  try {
    await applyMigrations(database.runner);
    const result = await generateBenchData(database.prisma, { files, seed, now: new Date() });
    // What PostgreSQL's autovacuum, or the app's own check on the embedded database, would do
    // within a minute of a bulk load: measured pages then run on the plans a live system has.
    if (database.kind === "pglite") await analyzeStaleTables(database.runner);
    else await database.prisma.$executeRawUnsafe("ANALYZE");
    if (out) writeFileSync(out, JSON.stringify(result, null, 2));
    const counts = Object.entries(result.counts).map(([name, count]) => `${count} ${name}`).join(", ");
    console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s on ${database.kind}: ${counts}.`);
    console.log(`Large call: /appels/${result.callSlug} (staff: /gestion/appels/${result.callId}).`);
    console.log(`Accounts, password « ${result.password} »: ${result.staffEmail} (staff), ${result.reviewerEmail} (expert), ${result.applicantEmail} (applicant with draft /espace/dossiers/${result.draftId}).`);
  } finally {
    await database.close();
  }
}
