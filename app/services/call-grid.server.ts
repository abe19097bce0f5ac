import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { DomainError } from "~/domain/errors";
import { gridEditable } from "~/domain/call-lifecycle";
import { refreshRanking } from "~/services/ranking-queries.server";
import { lockCall } from "~/services/locks.server";
import { parsePoints, type GridInput } from "~/schemas/grid";

const gridSelect = {
  id: true,
  title: true,
  status: true,
  scoreScale: true,
  halfPoints: true,
  overallThreshold: true,
  tieBreak: true,
  gridReopenedAt: true,
  criteria: {
    orderBy: { position: "asc" },
    select: { id: true, label: true, description: true, levels: true, weight: true, scaleMax: true, threshold: true },
  },
} as const;

/** Scores are stored in whole units of the criterion's scale: halves when half points are allowed. */
const unitsPerPoint = (halfPoints: boolean) => (halfPoints ? 2 : 1);

function toUnits(value: string | undefined, halfPoints: boolean): number | null {
  const points = value === undefined ? null : parsePoints(value);
  return points === null ? null : Math.round(points * unitsPerPoint(halfPoints));
}

/** Stored units back to the points staff type (« 2,5 »). */
function toPoints(units: number | null, halfPoints: boolean): string {
  if (units === null) return "";
  return String(units / unitsPerPoint(halfPoints)).replace(".", ",");
}

async function submittedReviews(callId: string) {
  return prisma.review.count({ where: { status: "SUBMITTED", application: { callId } } });
}

/** The grid as its editor shows it, with whether it may change now. */
export async function loadGrid(callId: string) {
  const call = await prisma.call.findUnique({ where: { id: callId }, select: gridSelect });
  if (!call) throw new Response("Not found", { status: 404 });
  const reviews = await submittedReviews(callId);
  return {
    call: { id: call.id, title: call.title },
    submittedReviews: reviews,
    editable: call.status !== "ARCHIVED" && gridEditable(reviews, call.gridReopenedAt !== null),
    reopened: call.gridReopenedAt !== null,
    values: gridFormValues(call),
  };
}

type StoredGrid = {
  scoreScale: number;
  halfPoints: boolean;
  overallThreshold: number | null;
  tieBreak: string;
  criteria: { id?: string; label: string; description: string; levels: string[]; weight: number; threshold: number | null }[];
};

export function gridFormValues(grid: StoredGrid) {
  return {
    scoreScale: String(grid.scoreScale),
    halfPoints: grid.halfPoints ? "yes" : "no",
    overallThreshold: toPoints(grid.overallThreshold, grid.halfPoints),
    tieBreak: grid.tieBreak,
    criteria: grid.criteria.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      label: c.label,
      description: c.description,
      levels: c.levels.join("\n"),
      weight: String(c.weight),
      threshold: toPoints(c.threshold, grid.halfPoints),
    })),
  };
}

/** The columns a grid fills: the call's, and each criterion's in order. */
export function gridColumns(grid: GridInput) {
  const halfPoints = grid.halfPoints === "yes";
  const scale = Number(grid.scoreScale);
  return {
    call: { scoreScale: scale, halfPoints, overallThreshold: toUnits(grid.overallThreshold, halfPoints), tieBreak: grid.tieBreak },
    criteria: grid.criteria.map((c, index) => ({
      id: c.id,
      position: index + 1,
      label: c.label,
      description: c.description,
      levels: c.levels.split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
      weight: c.weight,
      scaleMax: scale * unitsPerPoint(halfPoints),
      threshold: toUnits(c.threshold, halfPoints),
    })),
  };
}

/**
 * Saves the grid. Once an expert has submitted a review it is locked: a reopen, audited with its
 * reason, allows one more save. Criteria keep their ids (and their scores) when moved.
 */
export async function saveGrid(viewer: Viewer, callId: string, grid: GridInput): Promise<void> {
  assertAllowed(viewer, "call.manage", null);
  const columns = gridColumns(grid);
  await prisma.$transaction(async (tx) => {
    await lockCall(tx, callId);
    const before = await tx.call.findUnique({ where: { id: callId }, select: gridSelect });
    if (!before) throw new DomainError("callNotFound", undefined, 404);
    if (before.status === "ARCHIVED") throw new DomainError("callArchived", undefined, 409);
    const reviews = await tx.review.count({ where: { status: "SUBMITTED", application: { callId } } });
    if (!gridEditable(reviews, before.gridReopenedAt !== null)) throw new DomainError("gridLocked", undefined, 409);
    const existing = new Set(before.criteria.map((c) => c.id));
    const kept = columns.criteria.filter((c) => c.id && existing.has(c.id));
    const keptIds = new Set(kept.map((c) => c.id));
    await tx.criterion.deleteMany({ where: { callId, id: { notIn: [...keptIds] as string[] } } });
    // Positions are unique per call: kept criteria step aside before taking their new places.
    for (const [index, criterion] of kept.entries()) {
      await tx.criterion.update({ where: { id: criterion.id }, data: { position: -1 - index } });
    }
    for (const { id, ...data } of columns.criteria) {
      if (id && keptIds.has(id)) await tx.criterion.update({ where: { id }, data });
      else await tx.criterion.create({ data: { ...data, callId } });
    }
    await tx.call.update({ where: { id: callId }, data: { ...columns.call, gridReopenedAt: null } });
    // Weights, thresholds and the tie rule order the ranking.
    await refreshRanking(tx, callId);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "call.gridSaved",
      entityType: "Call",
      entityId: callId,
      before: gridFormValues(before),
      after: gridFormValues({ ...columns.call, criteria: columns.criteria }),
    });
  });
}

/** Opens a locked grid for one more save, with the reason kept in the call's audit trail. */
export async function reopenGrid(viewer: Viewer, callId: string, reason: string): Promise<void> {
  assertAllowed(viewer, "call.manage", null);
  if (!reason.trim()) throw new DomainError("reopenReasonRequired", "reason");
  await prisma.$transaction(async (tx) => {
    await lockCall(tx, callId);
    const call = await tx.call.findUnique({ where: { id: callId }, select: { status: true, gridReopenedAt: true } });
    if (!call) throw new DomainError("callNotFound", undefined, 404);
    if (call.status === "ARCHIVED") throw new DomainError("callArchived", undefined, 409);
    const reviews = await tx.review.count({ where: { status: "SUBMITTED", application: { callId } } });
    if (gridEditable(reviews, call.gridReopenedAt !== null)) throw new DomainError("gridNotLocked", undefined, 409);
    await tx.call.update({ where: { id: callId }, data: { gridReopenedAt: new Date() } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "call.gridReopened",
      entityType: "Call",
      entityId: callId,
      after: { reason: reason.trim(), submittedReviews: reviews },
    });
  });
}
