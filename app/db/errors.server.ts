/** A unique index refused the row: another request created the same thing a moment earlier. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Which table's unique index refused the row, as Prisma names it through either driver adapter. */
export function uniqueViolationModel(error: unknown): string | null {
  if (!isUniqueViolation(error)) return null;
  const model = (error as { meta?: { modelName?: unknown } }).meta?.modelName;
  return typeof model === "string" ? model : null;
}
