import { z } from "zod";
import { callSchema, type CallInput } from "~/schemas/call";
import { gridSchema, type GridInput } from "~/schemas/grid";
import { formDefinitionSchema } from "~/domain/form-definition";

/**
 * A call's whole definition as one JSON document: its settings, its application form, its
 * letters and its grid, in the shapes their own forms validate, so an import is checked by the
 * very schemas that check staff's typing.
 */
export const CALL_DEFINITION_FORMAT = "laureat.call-definition";
export const CALL_DEFINITION_VERSION = 1;

const envelopeSchema = z.object({
  format: z.literal(CALL_DEFINITION_FORMAT, { errorMap: () => ({ message: "importUnreadable" }) }),
  version: z.literal(CALL_DEFINITION_VERSION, { errorMap: () => ({ message: "importUnreadable" }) }),
  call: z.unknown(),
  grid: z.unknown(),
  form: z.unknown(),
  letterTemplates: z.record(z.string(), z.string()).default({}),
});

export interface CallDefinition {
  call: CallInput;
  grid: GridInput;
  form: Record<string, unknown>;
  letterTemplates: Record<string, string>;
}

/** One thing wrong with an imported definition: where (« grid.criteria.1.threshold ») and why (an i18n key). */
export interface DefinitionProblem {
  path: string;
  key: string;
}

function problemsOf(prefix: string, error: z.ZodError): DefinitionProblem[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path].join("."), key: issue.message }));
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The form builder's refusals of the form: duplicate keys, conditions on missing fields… */
function formProblems(form: Record<string, unknown>): DefinitionProblem[] {
  const parsed = formDefinitionSchema.safeParse(form);
  return parsed.success ? [] : problemsOf("form", parsed.error);
}

/** Every problem of a definition at once, or the definition ready to become a call. */
export function readCallDefinition(data: unknown): { definition: CallDefinition } | { problems: DefinitionProblem[] } {
  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) return { problems: problemsOf("", envelope.error).map((p) => ({ ...p, path: p.path.replace(/^\./, "") })) };
  const call = callSchema.safeParse(envelope.data.call);
  const grid = gridSchema.safeParse(envelope.data.grid);
  const form = envelope.data.form;
  const problems = [
    ...(call.success ? [] : problemsOf("call", call.error)),
    ...(grid.success ? [] : problemsOf("grid", grid.error)),
    ...(!isRecord(form) ? [{ path: "form", key: "callFormMissing" }] : formProblems(form)),
  ];
  if (!call.success || !grid.success || problems.length > 0) return { problems };
  return { definition: { call: call.data, grid: grid.data, form: form as Record<string, unknown>, letterTemplates: envelope.data.letterTemplates } };
}
