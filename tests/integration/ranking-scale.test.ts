import { beforeAll, describe, expect, it } from "vitest";
import * as rankingRoute from "~/routes/gestion.appels.$callId.classement";
import * as filesRoute from "~/routes/gestion.appels.$callId._index";
import { DIVERGENCE_GAP, rankApplications, rankingRulesOf, type RankedApplication } from "~/domain/scoring";
import { reopenGrid, saveGrid } from "~/services/call-grid.server";
import { PAGE_SIZE } from "~/schemas/listing";
import { queryRankOf, type RankingPage, type RankingRow } from "~/services/ranking-queries.server";
import { prisma } from "~/db.server";
import { callLoader, flashOf, postForm } from "../support/remix";
import { createUser } from "../support/factories";
import { assignReviewer } from "~/services/instruction.server";
import * as reviewRoute from "~/routes/expertise.$assignmentId";
import { createRankedCall, readScores } from "../support/ranked-call";

type World = Awaited<ReturnType<typeof createRankedCall>>;
type Scores = Awaited<ReturnType<typeof readScores>>;
type RankingJson = RankingPage & { pages: number; listing: { page: number } };

let world: World;
let scores: Scores;
let expected: RankedApplication[];
let budget: number;
const FILES = 130;

beforeAll(async () => {
  world = await createRankedCall({ files: FILES, reviewsPerFile: 3, seed: 20261203 });
  scores = await readScores(world.call.id);
  const input = scores.map((a) => ({
    applicationId: a.id,
    requestedCents: a.requestedCents ?? 0,
    submittedAt: a.submittedAt ?? new Date(0),
    reviews: a.reviews.map((r) => r.scores),
  }));
  // An envelope that runs out mid-ranking on a large request, leaving room for a smaller one after it.
  const requested = new Map(input.map((a) => [a.applicationId, a.requestedCents]));
  const fundable = rankApplications(input, world.criteria, Number.MAX_SAFE_INTEGER).filter((r) => r.withinEnvelope);
  const cut = fundable.findIndex((r, i) => i > fundable.length / 3 && requested.get(r.applicationId)! >= 15_000_000);
  budget = fundable[cut - 1]!.cumulativeCents + 6_000_000;
  await prisma.call.update({ where: { id: world.call.id }, data: { budgetCents: BigInt(budget) } });
  expected = rankApplications(input, world.criteria, budget);
}, 60_000);

async function rankingAt(query: string): Promise<RankingJson> {
  const response = await callLoader(rankingRoute.loader, {
    userId: world.staff.id,
    params: { callId: world.call.id },
    path: `/gestion/appels/${world.call.id}/classement${query}`,
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** What the page shows of a file, from the pure ranking, for comparison with the database's. */
function shown(r: RankedApplication) {
  return {
    applicationId: r.applicationId,
    rank: r.rank,
    average: r.average,
    divergence: r.divergence,
    meetsThresholds: r.meetsThresholds,
    tied: r.tied,
    reviewCount: r.reviewCount,
    cumulativeCents: r.cumulativeCents,
    withinEnvelope: r.withinEnvelope,
    means: world.criteria.map((c) => r.criterionAverages[c.id] ?? null),
  };
}

const fromPage = (row: RankingRow) => ({
  applicationId: row.applicationId,
  rank: row.rank,
  average: row.average,
  divergence: row.divergence,
  meetsThresholds: row.meetsThresholds,
  tied: row.tied,
  reviewCount: row.reviewCount,
  cumulativeCents: row.cumulativeCents,
  withinEnvelope: row.withinEnvelope,
  means: row.means,
});

const byId = () => new Map(scores.map((s) => [s.id, s]));

describe("ranking computed by the database", () => {
  it("gives the same order, scores, envelope fill and cut line as rankApplications, page after page", async () => {
    const pages = Math.ceil(expected.length / PAGE_SIZE);
    const rows: RankingRow[] = [];
    for (let page = 1; page <= pages; page++) {
      const body = await rankingAt(page === 1 ? "" : `?page=${page}`);
      expect(body.pages).toBe(pages);
      expect(body.rows.length).toBe(Math.min(PAGE_SIZE, expected.length - (page - 1) * PAGE_SIZE));
      rows.push(...body.rows);
    }
    expect(rows.map(fromPage)).toEqual(expected.map(shown));

    // The data exercises what the rules say: ties, thresholds failed, unreviewed files, a cut and a fill past it.
    expect(expected.some((r) => r.tied)).toBe(true);
    expect(expected.some((r) => r.average !== null && !r.meetsThresholds)).toBe(true);
    expect(expected.some((r) => r.rank === null)).toBe(true);
    const firstOutside = expected.find((r) => r.average !== null && r.meetsThresholds && !r.withinEnvelope);
    expect(firstOutside).toBeDefined();
    expect(expected.slice(expected.indexOf(firstOutside!)).some((r) => r.withinEnvelope)).toBe(true);

    const { summary } = await rankingAt("?page=2");
    const fitting = expected.filter((r) => r.withinEnvelope);
    const files = byId();
    expect(summary).toEqual({
      files: FILES,
      ranked: expected.filter((r) => r.rank !== null).length,
      meetingThresholds: expected.filter((r) => r.average !== null && r.meetsThresholds).length,
      divergent: expected.filter((r) => r.divergence >= DIVERGENCE_GAP).length,
      withinEnvelope: fitting.length,
      withinEnvelopeCents: fitting.reduce((sum, r) => sum + (files.get(r.applicationId)!.requestedCents ?? 0), 0),
      awardedCents: 0,
      firstOutsideRank: firstOutside!.rank,
    });
  });

  it("gives a single file the rank it holds in the whole ranking, as a decision records it", async () => {
    for (const entry of [expected[0]!, expected[57]!, expected.at(-1)!]) {
      expect(await queryRankOf(prisma, entry.applicationId)).toBe(entry.rank);
    }
  });

  it("filters and sorts on the server, keeping each file's place in the whole ranking", async () => {
    const files = byId();
    const cases: { query: string; keep: (r: RankedApplication) => boolean; order?: (a: RankedApplication, b: RankedApplication) => number }[] = [
      { query: "?statut=REVIEWED", keep: (r) => files.get(r.applicationId)!.status === "REVIEWED" },
      { query: "?region=Bretagne", keep: (r) => files.get(r.applicationId)!.organization.region === "Bretagne" },
      { query: "?seuil=non", keep: (r) => !(r.average !== null && r.meetsThresholds) },
      { query: "?seuil=oui&divergents=oui", keep: (r) => r.average !== null && r.meetsThresholds && r.divergence >= DIVERGENCE_GAP },
      { query: "?q=100%25", keep: (r) => files.get(r.applicationId)!.projectTitle.includes("100%") },
      { query: `?q=${encodeURIComponent(scores[3]!.receiptNumber!.toLowerCase())}`, keep: (r) => r.applicationId === scores[3]!.id },
      { query: "?q=GRAPPE%20BOIS", keep: (r) => files.get(r.applicationId)!.organization.legalName.startsWith("Grappe Bois") },
      {
        query: "?tri=montant",
        keep: () => true,
        order: (a, b) => (files.get(b.applicationId)!.requestedCents ?? 0) - (files.get(a.applicationId)!.requestedCents ?? 0),
      },
      { query: "?tri=note", keep: () => true, order: (a, b) => (b.average ?? -1) - (a.average ?? -1) },
      {
        query: "?tri=titre&page=2",
        keep: () => true,
        order: (a, b) => files.get(a.applicationId)!.projectTitle.localeCompare(files.get(b.applicationId)!.projectTitle, "en"),
      },
    ];
    for (const { query, keep, order } of cases) {
      const page = Number(new URLSearchParams(query).get("page") ?? 1);
      const matching = expected.filter(keep);
      // Sorting is stable: equal keys stay in ranking order, as the query breaks ties by position.
      const sorted = order ? [...matching].sort(order) : matching;
      const body = await rankingAt(query);
      expect(body.matching, query).toBe(matching.length);
      expect(matching.length, query).toBeGreaterThan(0);
      expect(body.rows.map(fromPage), query).toEqual(sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(shown));
      expect(body.summary.files, query).toBe(FILES);
    }
  });

  it("sends unknown pages, sorts and filters back to the first page with a notice, keeping what was valid", async () => {
    const cases: [string, string][] = [
      ["?page=abc", ""],
      ["?page=0", ""],
      ["?page=99", ""],
      ["?page=99&region=Bretagne", "?region=Bretagne"],
      ["?tri=prix&q=bois", "?q=bois"],
      ["?statut=PERDU&tri=note&page=2", "?tri=note"],
      ["?seuil=peut-etre", ""],
      ["?divergents=1", ""],
    ];
    const path = `/gestion/appels/${world.call.id}/classement`;
    for (const [query, kept] of cases) {
      const response = await callLoader(rankingRoute.loader, { userId: world.staff.id, params: { callId: world.call.id }, path: `${path}${query}` });
      expect(response.status, query).toBe(302);
      expect(response.headers.get("Location"), query).toBe(`${path}${kept}`);
      expect(await flashOf(response), query).toEqual({ kind: "notice", key: "listingReset" });
    }
  });

  it("moves a file the moment an expert submits a review, the rest of the call in step with rankApplications", async () => {
    const target = expected.filter((r) => r.rank !== null && byId().get(r.applicationId)!.status === "REVIEWED").at(-1)!;
    const reviewer = await createUser("REVIEWER");
    const staffViewer = { id: world.staff.id, role: "STAFF" as const, organizationIds: [] };
    await assignReviewer(staffViewer, target.applicationId, reviewer.id, null);
    const [assignment] = await prisma.assignment.findMany({ where: { applicationId: target.applicationId, reviewerId: reviewer.id } });
    const best = Object.fromEntries(world.criteria.map((c) => [`score_${c.id}`, String(c.scaleMax)]));
    const submitted = await postForm(reviewRoute.action, { intent: "submit", recommendation: "FUND", ...best }, {
      userId: reviewer.id,
      params: { assignmentId: assignment!.id },
    });
    expect(submitted.status).toBe(302);

    const now = await readScores(world.call.id);
    const recomputed = rankApplications(
      now.map((a) => ({
        applicationId: a.id,
        requestedCents: a.requestedCents ?? 0,
        submittedAt: a.submittedAt ?? new Date(0),
        reviews: a.reviews.map((r) => r.scores),
      })),
      world.criteria,
      budget,
    );
    const moved = recomputed.find((r) => r.applicationId === target.applicationId)!;
    expect(moved.rank).toBeLessThan(target.rank!);
    const rows: RankingRow[] = [];
    for (let page = 1; page <= Math.ceil(recomputed.length / PAGE_SIZE); page++) {
      rows.push(...(await rankingAt(page === 1 ? "" : `?page=${page}`)).rows);
    }
    expect(rows.map(fromPage)).toEqual(recomputed.map(shown));
    expect(await queryRankOf(prisma, target.applicationId)).toBe(moved.rank);
    expected = recomputed;
    scores = now;
  });

  it("applies the grid saved after a reopen: its overall threshold and the committee's tie rule, on every page", async () => {
    const staffViewer = { id: world.staff.id, role: "STAFF" as const, organizationIds: [] };
    await reopenGrid(staffViewer, world.call.id, "Seuil global fixé par le comité");
    await saveGrid(staffViewer, world.call.id, {
      scoreScale: "10",
      halfPoints: "no",
      overallThreshold: "6",
      tieBreak: "COMMITTEE",
      criteria: world.criteria.map((c) => ({ id: c.id, label: c.label, description: "", levels: "", weight: c.weight })),
    });
    const call = await prisma.call.findUniqueOrThrow({
      where: { id: world.call.id },
      select: { overallThreshold: true, scoreScale: true, halfPoints: true, tieBreak: true },
    });
    const criteria = await prisma.criterion.findMany({ where: { callId: world.call.id }, orderBy: { position: "asc" } });
    const recomputed = rankApplications(
      scores.map((a) => ({
        applicationId: a.id,
        requestedCents: a.requestedCents ?? 0,
        submittedAt: a.submittedAt ?? new Date(0),
        reviews: a.reviews.map((r) => r.scores),
      })),
      criteria,
      budget,
      rankingRulesOf(call),
    );
    // The data holds what the rules change: files under the overall threshold, and shared ranks.
    expect(recomputed.some((r) => r.average !== null && r.average < 3 && !r.meetsThresholds)).toBe(true);
    expect(recomputed.some((r, i) => i > 0 && r.rank !== null && r.rank === recomputed[i - 1]!.rank)).toBe(true);
    const rows: RankingRow[] = [];
    for (let page = 1; page <= Math.ceil(recomputed.length / PAGE_SIZE); page++) {
      rows.push(...(await rankingAt(page === 1 ? "" : `?page=${page}`)).rows);
    }
    const shownNow = (r: RankedApplication) => ({ ...shown(r), means: criteria.map((c) => r.criterionAverages[c.id] ?? null) });
    expect(rows.map(fromPage)).toEqual(recomputed.map(shownNow));
  });
});

describe("staff list of a call's files", () => {
  async function listAt(query: string) {
    return callLoader(filesRoute.loader, {
      userId: world.staff.id,
      params: { callId: world.call.id },
      path: `/gestion/appels/${world.call.id}${query}`,
    });
  }

  it("counts files by status over the whole call and shows them 50 at a time", async () => {
    const body = await (await listAt("")).json();
    const counts = new Map<string, number>();
    for (const file of scores) counts.set(file.status, (counts.get(file.status) ?? 0) + 1);
    expect(Object.fromEntries(body.counts.map((c: { status: string; count: number }) => [c.status, c.count]))).toEqual(Object.fromEntries(counts));
    expect(body.matching).toBe(FILES);
    expect(body.applications).toHaveLength(PAGE_SIZE);

    const seen = new Set<string>();
    for (let page = 1; page <= body.pages; page++) {
      const rows = (await (await listAt(`?page=${page}&tri=structure`)).json()).applications as { id: string; organization: { legalName: string } }[];
      for (const row of rows) seen.add(row.id);
      expect(rows.map((r) => r.organization.legalName)).toEqual(rows.map((r) => r.organization.legalName).sort());
    }
    expect(seen.size).toBe(FILES);
  });

  it("filters by status, region and text", async () => {
    const reviewed = scores.filter((s) => s.status === "REVIEWED" && s.organization.region === "Occitanie");
    const body = await (await listAt("?statut=REVIEWED&region=Occitanie")).json();
    expect(body.matching).toBe(reviewed.length);
    expect(new Set(body.applications.map((a: { id: string }) => a.id))).toEqual(new Set(reviewed.slice(0, PAGE_SIZE).map((s) => s.id)));
    const byReceipt = await (await listAt(`?q=${scores[7]!.receiptNumber}`)).json();
    expect(byReceipt.applications.map((a: { id: string }) => a.id)).toEqual([scores[7]!.id]);
  });

  it("sends bad parameters back to the first page with a notice", async () => {
    for (const query of ["?page=-1", "?page=40", "?tri=date", "?statut=nope"]) {
      const response = await listAt(query);
      expect(response.status, query).toBe(302);
      expect(response.headers.get("Location"), query).toBe(`/gestion/appels/${world.call.id}`);
      expect(await flashOf(response), query).toEqual({ kind: "notice", key: "listingReset" });
    }
  });
});
