import { prisma } from "~/db.server";
import { PUBLIC_CALL_STATUSES } from "~/domain/call-lifecycle";

const publicCallFields = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  opensAt: true,
  closesAt: true,
  budgetCents: true,
  minGrantCents: true,
  maxGrantCents: true,
  status: true,
  regionScope: true,
} as const;

/** Calls the public may see: from their publication to their archiving. */
export async function listPublicCalls() {
  const calls = await prisma.call.findMany({
    where: { status: { in: [...PUBLIC_CALL_STATUSES] } },
    orderBy: { closesAt: "desc" },
    select: publicCallFields,
  });
  return calls.map((c) => ({ ...c, budgetCents: Number(c.budgetCents) }));
}

export async function getPublicCall(slug: string) {
  const call = await prisma.call.findFirst({
    where: { slug, status: { in: [...PUBLIC_CALL_STATUSES] } },
    select: {
      ...publicCallFields,
      rules: true,
      criteria: { orderBy: { position: "asc" }, select: { id: true, label: true, description: true, weight: true } },
    },
  });
  return call && { ...call, budgetCents: Number(call.budgetCents) };
}

/** Laureates are public once staff announce the results, which waits for every letter. */
export async function listPublishedLaureates(callId: string) {
  return prisma.application.findMany({
    where: { callId, status: "LAUREATE", notifiedAt: { not: null }, call: { status: "ANNOUNCED" } },
    orderBy: { organization: { legalName: "asc" } },
    select: {
      id: true,
      projectTitle: true,
      organization: { select: { legalName: true, region: true } },
      decision: { select: { awardedCents: true } },
    },
  });
}
