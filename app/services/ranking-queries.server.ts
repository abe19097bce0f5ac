import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { commonScale, DIVERGENCE_GAP, RANKED_STATUSES, rankingRulesOf, type CriterionSpec, type RankingRules } from "~/domain/scoring";
import { PAGE_SIZE, type Listing, type RankingSort } from "~/schemas/listing";

/**
 * The committee's ranking computed by the database, with the same rules as `rankApplications`
 * in domain/scoring.ts (which the tests hold it to), and kept: `refreshRanking` recomputes a
 * call's FileRank rows and totals in the transaction of each change they depend on, so that a
 * page of the ranking reads fifty rows by index instead of every score of the call.
 *
 * Scores are kept exact: a review's weighted score is an integer fraction (criteria scales share
 * the multiplier `commonScale`), averaged as `numeric`. The few units of 1e-20 lost in numeric
 * divisions could only matter for a value exactly halfway between two hundredths, which the
 * added 1e-12 rounds up as the exact computation does; any other value is at least 1e-8 away
 * from a rounding boundary.
 */

type Db = Tx | PrismaClient;
type RankingListing = Listing<RankingSort>;

const HALF_UP = Prisma.sql`0.000000000001`;

/** Criterion columns are named by position: "m0", "m1"… never by anything a person typed. */
const meanColumn = (index: number) => Prisma.raw(`"m${index}"`);

/**
 * The ranked files of a call, in ranking order: one row per file with its weighted average,
 * per-criterion means (`m0`…), threshold pass, review count, divergence, position and rank.
 */
function orderedFiles(callId: string, criteria: (CriterionSpec & { index: number })[], rules: RankingRules) {
  const scale = commonScale(criteria);
  const scoreOf = (c: CriterionSpec & { index: number }) =>
    Prisma.sql`max(s."score") FILTER (WHERE s."criterionId" = ${c.id}) AS ${meanColumn(c.index)}`;
  const meanOf = (c: CriterionSpec & { index: number }) =>
    Prisma.sql`round(avg(r.${meanColumn(c.index)}), 2) AS ${meanColumn(c.index)}`;
  const thresholds = criteria
    .filter((c) => c.threshold !== null)
    .map((c) => Prisma.sql`COALESCE(round(avg(r.${meanColumn(c.index)}), 2), 0) >= ${c.threshold}::int`);
  const weights = criteria.map((c) => Prisma.sql`WHEN ${c.id} THEN ${c.weight}::int`);
  const points = criteria.map((c) => Prisma.sql`WHEN ${c.id} THEN ${5 * c.weight * (scale / c.scaleMax)}::int`);
  const perCriterion = criteria.length ? Prisma.sql`, ${Prisma.join(criteria.map(scoreOf))}` : Prisma.empty;
  const means = criteria.length ? Prisma.sql`, ${Prisma.join(criteria.map(meanOf))}` : Prisma.empty;
  const overall = rules.overallThreshold;
  if (overall) {
    thresholds.push(Prisma.sql`round(avg(r.value) + ${HALF_UP}, 2) * ${overall.scaleUnits}::int >= ${overall.units * 5}::int`);
  }
  const meetsAll = thresholds.length ? Prisma.join(thresholds, " AND ") : Prisma.sql`TRUE`;
  // Competition ranking (1, 2, 2, 4) when the committee breaks ties; one rank per file otherwise.
  const rankOf = rules.tieBreak === "COMMITTEE" ? Prisma.sql`rank() OVER standing` : Prisma.sql`row_number() OVER w`;
  const caseOf = (whens: Prisma.Sql[]) =>
    whens.length ? Prisma.sql`CASE s."criterionId" ${Prisma.join(whens, " ")} END` : Prisma.sql`NULL::int`;
  const fileColumns = Prisma.sql`r."id", r."requestedCents", r."submittedAt"`;
  // Only joins of tables on their indexes, then aggregates of aggregates: a join of an aggregate
  // would let a planner without statistics (PGlite never analyzes) recompute it per file. Rows
  // stay narrow (no titles or names) while the reviews' scores are grouped.
  return Prisma.sql`
    review AS (
      SELECT a."id",
        COALESCE(a."requestedCents", 0) AS "requestedCents", COALESCE(a."submittedAt", 'epoch'::timestamp) AS "submittedAt",
        rv."id" AS "reviewId",
        sum(s."score" * ${caseOf(points)}) AS points,
        sum(${caseOf(weights)}) AS weights
        ${perCriterion}
      FROM "Application" a
      LEFT JOIN "Review" rv ON rv."applicationId" = a."id" AND rv."status" = 'SUBMITTED'
      LEFT JOIN "ReviewScore" s ON s."reviewId" = rv."id"
      WHERE a."callId" = ${callId} AND a."status"::text IN (${Prisma.join([...RANKED_STATUSES])})
      GROUP BY a."id", rv."id"
    ),
    scored AS (
      SELECT r.*, CASE WHEN r."reviewId" IS NULL THEN NULL WHEN COALESCE(r.weights, 0) = 0 THEN 0
        ELSE r.points::numeric(40, 20) / (r.weights * ${scale}::int) END AS value
      FROM review r
    ),
    file AS (
      SELECT ${fileColumns},
        count(r."reviewId")::int AS "reviewCount",
        round(avg(r.value) + ${HALF_UP}, 2) AS "average",
        COALESCE(round(max(r.value) - min(r.value) + ${HALF_UP}, 2), 0) AS "divergence",
        (count(r."reviewId") > 0 AND ${meetsAll}) AS "meetsThresholds"
        ${means}
      FROM scored r
      GROUP BY ${fileColumns}
    ),
    ordered AS (
      SELECT f.*,
        (f."average" IS NOT NULL AND f."meetsThresholds") AS "eligible",
        row_number() OVER w AS "position",
        CASE WHEN f."average" IS NULL THEN NULL ELSE ${rankOf} END AS "rank",
        COALESCE(f."average" IS NOT NULL AND (
          (lag(f."average") OVER w = f."average" AND lag(f."meetsThresholds") OVER w = f."meetsThresholds")
          OR (lead(f."average") OVER w = f."average" AND lead(f."meetsThresholds") OVER w = f."meetsThresholds")), FALSE) AS "tied",
        sum(CASE WHEN f."average" IS NOT NULL AND f."meetsThresholds" THEN f."requestedCents" ELSE 0 END)
          OVER (w ROWS UNBOUNDED PRECEDING) AS "runningCents"
      FROM file f
      WINDOW standing AS (ORDER BY f."average" IS NULL, f."meetsThresholds" DESC, f."average" DESC),
        w AS (ORDER BY f."average" IS NULL, f."meetsThresholds" DESC, f."average" DESC, f."submittedAt", f."id" COLLATE "C")
    )`;
}

/**
 * The envelope is filled greedily in ranking order: a file that does not fit is skipped and a
 * smaller one after it may still fit. Up to the first file that does not fit, the running total
 * is a window sum; after it, `fill` walks only the files that still fit (rarely more than a
 * few, as what is left is smaller than one grant), each step a scan of the ranking.
 */
function envelopeFill(envelopeCents: number) {
  return Prisma.sql`
    overflow AS (
      SELECT "position", "runningCents" - "requestedCents" AS "cumulativeCents"
      FROM ordered WHERE "eligible" AND "runningCents" > ${envelopeCents}::bigint
      ORDER BY "position" LIMIT 1
    ),
    fill AS (
      SELECT "position", "cumulativeCents", FALSE AS "fits" FROM overflow
      UNION ALL
      SELECT nxt."position", fill."cumulativeCents" + nxt."requestedCents", TRUE
      FROM fill CROSS JOIN LATERAL (
        SELECT o."position", o."requestedCents" FROM ordered o
        WHERE o."position" > fill."position" AND o."eligible" AND o."requestedCents" <= ${envelopeCents}::bigint - fill."cumulativeCents"
        ORDER BY o."position" LIMIT 1
      ) nxt
    )`;
}


const placeInEnvelope = Prisma.sql`
  CASE WHEN NOT EXISTS (SELECT 1 FROM overflow) OR o."position" < (SELECT "position" FROM overflow)
    THEN o."eligible"
    ELSE EXISTS (SELECT 1 FROM fill WHERE fill."position" = o."position" AND fill."fits") END AS "withinEnvelope",
  CASE WHEN NOT EXISTS (SELECT 1 FROM overflow) OR o."position" < (SELECT "position" FROM overflow)
    THEN o."runningCents"
    ELSE (SELECT max(fill."cumulativeCents") FROM fill WHERE fill."position" <= o."position") END AS "cumulativeCents"`;

const STORED = ["reviewCount", "average", "divergence", "meetsThresholds", "means", "eligible", "position", "rank", "tied", "cumulativeCents", "withinEnvelope"] as const;
const storedColumns = (prefix: string) => Prisma.raw(STORED.map((c) => `${prefix}"${c}"`).join(", "));

/**
 * Recomputes a call's ranking from its reviews and stores it: every change to what the ranking
 * depends on (a review submitted, a file entering or leaving review, the grid or the envelope)
 * calls it in its own transaction. The call's row lock makes concurrent refreshes of one call
 * take turns, each reading what the previous one committed. Only rows that moved are written.
 */
export async function refreshRanking(tx: Tx, callId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId} FOR UPDATE`;
  const call = await tx.call.findUniqueOrThrow({
    where: { id: callId },
    select: {
      budgetCents: true,
      overallThreshold: true,
      scoreScale: true,
      halfPoints: true,
      tieBreak: true,
      criteria: { orderBy: { position: "asc" }, select: { id: true, weight: true, scaleMax: true, threshold: true } },
    },
  });
  const criteria = call.criteria.map((c, index) => ({ ...c, index }));
  const means = criteria.length
    ? Prisma.sql`jsonb_build_array(${Prisma.join(criteria.map((c) => Prisma.sql`o.${meanColumn(c.index)}`))})`
    : Prisma.sql`'[]'::jsonb`;
  await tx.$executeRaw`
    WITH RECURSIVE ${orderedFiles(callId, criteria, rankingRulesOf(call))}, ${envelopeFill(Number(call.budgetCents))},
    placed AS (
      SELECT o."id", o."requestedCents", o."reviewCount", o."average", o."divergence", o."meetsThresholds",
        ${means} AS "means", o."eligible", o."position"::int AS "position", o."rank"::int AS "rank", o."tied",
        ${placeInEnvelope}
      FROM ordered o
    ),
    removed AS (
      DELETE FROM "FileRank" f WHERE f."callId" = ${callId} AND f."applicationId" NOT IN (SELECT "id" FROM placed)
    ),
    stored AS (
      INSERT INTO "FileRank" ("applicationId", "callId", ${storedColumns("")})
      SELECT p."id", ${callId}, ${storedColumns("p.")} FROM placed p
      ON CONFLICT ("applicationId") DO UPDATE SET (${storedColumns("")}) = (${storedColumns("EXCLUDED.")})
      WHERE (${storedColumns(`"FileRank".`)}) IS DISTINCT FROM (${storedColumns("EXCLUDED.")})
    )
    INSERT INTO "CallRanking" ("callId", "files", "ranked", "meetingThresholds", "divergent", "withinEnvelope",
      "withinEnvelopeCents", "firstOutsideRank", "refreshedAt")
    SELECT ${callId}, count(*), count(*) FILTER (WHERE p."average" IS NOT NULL), count(*) FILTER (WHERE p."eligible"),
      count(*) FILTER (WHERE p."divergence" >= ${DIVERGENCE_GAP}::numeric), count(*) FILTER (WHERE p."withinEnvelope"),
      COALESCE(sum(p."requestedCents") FILTER (WHERE p."withinEnvelope"), 0),
      (SELECT ordered."rank" FROM ordered JOIN overflow USING ("position")), now()
    FROM placed p
    ON CONFLICT ("callId") DO UPDATE SET ("files", "ranked", "meetingThresholds", "divergent", "withinEnvelope",
      "withinEnvelopeCents", "firstOutsideRank", "refreshedAt") = (EXCLUDED."files", EXCLUDED."ranked",
      EXCLUDED."meetingThresholds", EXCLUDED."divergent", EXCLUDED."withinEnvelope", EXCLUDED."withinEnvelopeCents",
      EXCLUDED."firstOutsideRank", EXCLUDED."refreshedAt")`;
}

const SORTS: Record<RankingListing["tri"], Prisma.Sql> = {
  rang: Prisma.sql`r."position"`,
  note: Prisma.sql`r."average" DESC NULLS LAST, r."position"`,
  montant: Prisma.sql`a."requestedCents" DESC NULLS LAST, r."position"`,
  titre: Prisma.sql`lower(a."projectTitle"), r."position"`,
};

function filtersOf(callId: string, listing: RankingListing) {
  const conditions: Prisma.Sql[] = [Prisma.sql`r."callId" = ${callId}`];
  if (listing.statut) conditions.push(Prisma.sql`a."status"::text = ${listing.statut}`);
  if (listing.region) conditions.push(Prisma.sql`org."region" = ${listing.region}`);
  if (listing.seuil) conditions.push(Prisma.sql`r."eligible" = ${listing.seuil === "oui"}::boolean`);
  if (listing.divergents) conditions.push(Prisma.sql`r."divergence" >= ${DIVERGENCE_GAP}::numeric`);
  if (listing.q) {
    const pattern = `%${listing.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      Prisma.sql`(a."receiptNumber" ILIKE ${pattern} OR org."legalName" ILIKE ${pattern} OR a."projectTitle" ILIKE ${pattern})`,
    );
  }
  return Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

/**
 * The tables a page's filter and sort read. Every FileRank row has its file and organisation,
 * but the planner cannot know that joins keep every row: when only FileRank's columns are read,
 * the query leaves them out and the page becomes a range of the (callId, position) index.
 */
function sourceOf(listing: RankingListing) {
  const readsFile = Boolean(listing.statut || listing.region || listing.q) || listing.tri === "montant" || listing.tri === "titre";
  return readsFile
    ? Prisma.sql`FROM "FileRank" r
        JOIN "Application" a ON a."id" = r."applicationId"
        JOIN "Organization" org ON org."id" = a."organizationId"`
    : Prisma.sql`FROM "FileRank" r`;
}

const isFiltered = (listing: RankingListing) =>
  Boolean(listing.statut || listing.region || listing.seuil || listing.divergents || listing.q);

export interface RankingRow {
  applicationId: string;
  projectTitle: string;
  receiptNumber: string | null;
  status: string;
  requestedCents: number;
  legalName: string;
  region: string;
  reviewCount: number;
  average: number | null;
  divergence: number;
  meetsThresholds: boolean;
  rank: number | null;
  tied: boolean;
  cumulativeCents: number;
  withinEnvelope: boolean;
  means: (number | null)[];
}

export interface RankingSummary {
  files: number;
  ranked: number;
  meetingThresholds: number;
  divergent: number;
  withinEnvelope: number;
  withinEnvelopeCents: number;
  awardedCents: number;
  /** Rank of the first file meeting the thresholds that the envelope cannot fund; null when it funds them all. */
  firstOutsideRank: number | null;
}

export interface RankingPage {
  summary: RankingSummary;
  matching: number;
  rows: RankingRow[];
}

/**
 * The summary over the whole call and the requested page of rows, read from the stored ranking
 * (computed first if the call has none yet). Without filters, the page is an index range.
 */
export async function queryRankingPage(db: PrismaClient, callId: string, listing: RankingListing): Promise<RankingPage> {
  let stored = await db.callRanking.findUnique({ where: { callId } });
  if (!stored) {
    await db.$transaction((tx) => refreshRanking(tx, callId));
    stored = await db.callRanking.findUniqueOrThrow({ where: { callId } });
  }
  const where = filtersOf(callId, listing);
  const source = sourceOf(listing);
  const [rows, awarded, matching] = await Promise.all([
    db.$queryRaw<{ page: string }[]>`
      SELECT COALESCE(json_agg(json_build_object(
        'applicationId', r."applicationId", 'projectTitle', a."projectTitle", 'receiptNumber', a."receiptNumber",
        'status', a."status"::text, 'requestedCents', COALESCE(a."requestedCents", 0), 'legalName', org."legalName",
        'region', org."region", 'reviewCount', r."reviewCount", 'average', r."average", 'divergence', r."divergence",
        'meetsThresholds', r."meetsThresholds", 'rank', r."rank", 'tied', r."tied",
        'cumulativeCents', r."cumulativeCents", 'withinEnvelope', r."withinEnvelope", 'means', r."means"
      ) ORDER BY ${SORTS[listing.tri]}), '[]'::json)::text AS page
      FROM (SELECT r."applicationId" ${source} ${where}
        ORDER BY ${SORTS[listing.tri]} LIMIT ${PAGE_SIZE}::int OFFSET ${(listing.page - 1) * PAGE_SIZE}::int) page
      JOIN "FileRank" r ON r."applicationId" = page."applicationId"
      JOIN "Application" a ON a."id" = r."applicationId"
      JOIN "Organization" org ON org."id" = a."organizationId"`,
    db.decision.aggregate({ where: { outcome: "LAUREATE", application: { callId } }, _sum: { awardedCents: true } }),
    isFiltered(listing)
      ? db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count ${source} ${where}`.then(([row]) => row!.count)
      : Promise.resolve(stored.files),
  ]);
  return {
    summary: {
      files: stored.files,
      ranked: stored.ranked,
      meetingThresholds: stored.meetingThresholds,
      divergent: stored.divergent,
      withinEnvelope: stored.withinEnvelope,
      withinEnvelopeCents: Number(stored.withinEnvelopeCents),
      awardedCents: awarded._sum.awardedCents ?? 0,
      firstOutsideRank: stored.firstOutsideRank,
    },
    matching,
    // Built as JSON by the database: numerics and counts arrive as plain numbers.
    rows: JSON.parse(rows[0]!.page) as RankingRow[],
  };
}

/** The rank a file holds in its call's stored ranking (null when it has no submitted review). */
export async function queryRankOf(db: Db, applicationId: string): Promise<number | null> {
  const row = await db.fileRank.findUnique({ where: { applicationId }, select: { rank: true } });
  return row?.rank ?? null;
}
