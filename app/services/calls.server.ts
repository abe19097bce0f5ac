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
      reviewDeadline: true,
      committeeDate: true,
      maxCostShare: true,
      eligibleRegions: true,
      legalForms: true,
      contactEmail: true,
      contactPhone: true,
      contactOffice: true,
      formDefinition: true,
      criteria: { orderBy: { position: "asc" }, select: { id: true, label: true, description: true, weight: true } },
    },
  });
  if (!call) return null;
  const { formDefinition, ...rest } = call;
  return { ...rest, budgetCents: Number(call.budgetCents), documents: requiredDocuments(formDefinition) };
}

interface DefinitionNode {
  type?: unknown;
  label?: unknown;
  required?: unknown;
  fields?: unknown;
  sections?: unknown;
}

/** The documents the call's form asks for, read from its attachment fields, in the form's order. */
export function requiredDocuments(definition: unknown): { label: string; required: boolean }[] {
  const documents: { label: string; required: boolean }[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const { type, label, required, fields, sections } = node as DefinitionNode;
    if (type === "attachment" && typeof label === "string") documents.push({ label, required: required === true });
    for (const child of [sections, fields]) if (Array.isArray(child)) child.forEach(walk);
  };
  walk(definition);
  return documents;
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
