import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { commonScale, DIVERGENCE_GAP, RANKED_STATUSES, type CriterionSpec } from "~/domain/scoring";
import { PAGE_SIZE, type Listing, type RankingSort } from "~/schemas/listing";

/**
 * The committee's ranking computed by the database, with the same rules as `rankApplications`
 * in domain/scoring.ts (which the tests hold it to): a page of the ranking never copies the
 * whole call into the app, whatever its size.
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
function orderedFiles(callId: string, criteria: (CriterionSpec & { index: number })[]) {
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
  const meetsAll = thresholds.length ? Prisma.join(thresholds, " AND ") : Prisma.sql`TRUE`;
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
        CASE WHEN f."average" IS NULL THEN NULL ELSE row_number() OVER w END AS "rank",
        COALESCE(f."average" IS NOT NULL AND lag(f."average") OVER w = f."average"
          AND lag(f."meetsThresholds") OVER w = f."meetsThresholds", FALSE) AS "tiedWithPrevious",
        sum(CASE WHEN f."average" IS NOT NULL AND f."meetsThresholds" THEN f."requestedCents" ELSE 0 END)
          OVER (w ROWS UNBOUNDED PRECEDING) AS "runningCents"
      FROM file f
      WINDOW w AS (ORDER BY f."average" IS NULL, f."meetsThresholds" DESC, f."average" DESC, f."submittedAt", f."id" COLLATE "C")
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

const SORTS: Record<RankingListing["tri"], Prisma.Sql> = {
  rang: Prisma.sql`o."position"`,
  note: Prisma.sql`o."average" DESC NULLS LAST, o."position"`,
  montant: Prisma.sql`o."requestedCents" DESC, o."position"`,
  titre: Prisma.sql`lower(o."projectTitle"), o."position"`,
};

function filtersOf(listing: RankingListing) {
  const conditions: Prisma.Sql[] = [];
  if (listing.statut) conditions.push(Prisma.sql`o."status" = ${listing.statut}`);
  if (listing.region) conditions.push(Prisma.sql`o."region" = ${listing.region}`);
  if (listing.seuil) conditions.push(Prisma.sql`o."eligible" = ${listing.seuil === "oui"}::boolean`);
  if (listing.divergents) conditions.push(Prisma.sql`o."divergence" >= ${DIVERGENCE_GAP}::numeric`);
  if (listing.q) {
    const pattern = `%${listing.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      Prisma.sql`(o."receiptNumber" ILIKE ${pattern} OR o."legalName" ILIKE ${pattern} OR o."projectTitle" ILIKE ${pattern})`,
    );
  }
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

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
  tiedWithPrevious: boolean;
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
  regions: string[];
  matching: number;
  rows: RankingRow[];
}

/**
 * One statement for the whole page: the summary over the whole call, the regions to filter on,
 * and the requested page of rows with their place in the envelope.
 */
export async function queryRankingPage(
  db: Db,
  call: { id: string; budgetCents: number; criteria: CriterionSpec[] },
  listing: RankingListing,
): Promise<RankingPage> {
  const criteria = call.criteria.map((c, index) => ({ ...c, index }));
  const means = criteria.length
    ? Prisma.join(criteria.map((c) => Prisma.sql`o.${meanColumn(c.index)}`))
    : Prisma.empty;
  const [row] = await db.$queryRaw<{ page: string }[]>`
    WITH RECURSIVE ${orderedFiles(call.id, criteria)}, ${envelopeFill(call.budgetCents)},
    detailed AS (
      SELECT o.*, a."projectTitle", a."receiptNumber", a."status"::text AS "status", org."legalName", org."region",
        d."outcome"::text AS "outcome", d."awardedCents"
      FROM ordered o
      JOIN "Application" a ON a."id" = o."id"
      JOIN "Organization" org ON org."id" = a."organizationId"
      LEFT JOIN "Decision" d ON d."applicationId" = o."id"
    ),
    matching AS (SELECT o.* FROM detailed o ${filtersOf(listing)}),
    page AS MATERIALIZED (
      SELECT o.* FROM matching o ORDER BY ${SORTS[listing.tri]}
      LIMIT ${PAGE_SIZE}::int OFFSET ${(listing.page - 1) * PAGE_SIZE}::int
    ),
    -- Only the page's rows learn their place in the envelope: a few lookups in fill each.
    fitted AS (
      SELECT o.*,
        CASE WHEN NOT EXISTS (SELECT 1 FROM overflow) OR o."position" < (SELECT "position" FROM overflow)
          THEN o."eligible"
          ELSE EXISTS (SELECT 1 FROM fill WHERE fill."position" = o."position" AND fill."fits") END AS "withinEnvelope",
        CASE WHEN NOT EXISTS (SELECT 1 FROM overflow) OR o."position" < (SELECT "position" FROM overflow)
          THEN o."runningCents"
          ELSE (SELECT max(fill."cumulativeCents") FROM fill WHERE fill."position" <= o."position") END AS "cumulativeCents"
      FROM page o
    )
    SELECT json_build_object(
      'summary', (
        SELECT json_build_object(
          'files', count(*),
          'ranked', count(*) FILTER (WHERE o."average" IS NOT NULL),
          'meetingThresholds', count(*) FILTER (WHERE o."eligible"),
          'divergent', count(*) FILTER (WHERE o."divergence" >= ${DIVERGENCE_GAP}::numeric),
          'withinEnvelope', (SELECT count(*) FROM ordered WHERE "eligible" AND "position" < COALESCE((SELECT "position" FROM overflow), "position" + 1))
            + (SELECT count(*) FROM fill WHERE "fits"),
          'withinEnvelopeCents', COALESCE((SELECT max("cumulativeCents") FROM fill WHERE "fits"),
            (SELECT "cumulativeCents" FROM overflow), max(o."runningCents"), 0),
          'awardedCents', COALESCE(sum(o."awardedCents") FILTER (WHERE o."outcome" = 'LAUREATE'), 0),
          'firstOutsideRank', (SELECT ordered."rank" FROM ordered JOIN overflow USING ("position"))
        ) FROM detailed o
      ),
      'regions', (SELECT COALESCE(json_agg(DISTINCT o."region" ORDER BY o."region"), '[]'::json) FROM detailed o),
      'matching', (SELECT count(*) FROM matching),
      'rows', (
        SELECT COALESCE(json_agg(json_build_object(
          'applicationId', o."id", 'projectTitle', o."projectTitle", 'receiptNumber', o."receiptNumber", 'status', o."status",
          'requestedCents', o."requestedCents", 'legalName', o."legalName", 'region', o."region", 'reviewCount', o."reviewCount",
          'average', o."average", 'divergence', o."divergence", 'meetsThresholds', o."meetsThresholds",
          'rank', o."rank", 'tiedWithPrevious', o."tiedWithPrevious", 'cumulativeCents', o."cumulativeCents",
          'withinEnvelope', o."withinEnvelope", 'means', ${criteria.length ? Prisma.sql`json_build_array(${means})` : Prisma.sql`'[]'::json`}
        ) ORDER BY ${SORTS[listing.tri]}), '[]'::json)
        FROM fitted o
      )
    )::text AS page`;
  // Built as JSON by the database: numerics and counts arrive as plain numbers.
  return JSON.parse(row!.page) as RankingPage;
}

/** The rank a file holds in its call's ranking now (null when it has no submitted review). */
export async function queryRankOf(db: Db, callId: string, criteria: CriterionSpec[], applicationId: string): Promise<number | null> {
  const indexed = criteria.map((c, index) => ({ ...c, index }));
  const [row] = await db.$queryRaw<{ rank: bigint | number | null }[]>`
    WITH ${orderedFiles(callId, indexed)}
    SELECT "rank" FROM ordered WHERE "id" = ${applicationId}`;
  return row?.rank === null || row?.rank === undefined ? null : Number(row.rank);
}
