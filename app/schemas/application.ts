import { z } from "zod";
import { answersSchema, attachmentFields, visibleFieldKeys, type Answers, type FormDefinition } from "~/domain/form-definition";

export interface ApplicationFormValue {
  intent: "save" | "submit";
  answers: Answers;
  /** Files chosen, by attachment field (only fields shown). */
  files: Record<string, File[]>;
  /** An attachment the applicant asked to remove, with the « Supprimer » button beside it. */
  removeAttachment: string | null;
}

/** A file input left empty still sends a part without a name or bytes, in the browser. */
function chosenFiles(value: unknown): File[] {
  const list = Array.isArray(value) ? value : [value];
  // `File` is looked up when a form is checked, not when this module loads: remix-serve loads
  // the build before installing its own File class, which the upload handler then uses.
  return list.filter((item): item is File => item instanceof File && !(item.size === 0 && item.name === ""));
}

/**
 * The applicant's form, from the call's definition: one schema for Conform in the browser
 * and on the server. A draft may be incomplete, so only the shape of each answer is checked
 * here; completeness and eligibility are the domain's guards at submission. A file's size and
 * number are checked here too; its type is read from its bytes when it is stored.
 */
export function applicationFormSchema(definition: FormDefinition): z.ZodType<ApplicationFormValue, z.ZodTypeDef, unknown> {
  const answers = answersSchema(definition);
  const attachments = attachmentFields(definition);
  return z.unknown().transform((input, context) => {
    const raw = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
    const parsed = answers.safeParse(raw);
    if (!parsed.success) for (const issue of parsed.error.issues) context.addIssue(issue);
    const visible = visibleFieldKeys(definition, raw);
    const files: Record<string, File[]> = {};
    for (const field of attachments) {
      const chosen = chosenFiles(raw[field.key]);
      if (chosen.length === 0 || !visible.has(field.key)) continue;
      if (chosen.length > field.maxFiles) context.addIssue({ code: z.ZodIssueCode.custom, path: [field.key], message: "tooManyFilesMax" });
      else if (chosen.some((file) => file.size > field.maxBytes)) context.addIssue({ code: z.ZodIssueCode.custom, path: [field.key], message: "fileTooLargeMax" });
      else files[field.key] = chosen;
    }
    if (!parsed.success) return z.NEVER;
    return {
      intent: raw.intent === "submit" ? "submit" : "save",
      answers: parsed.data,
      files,
      removeAttachment: typeof raw.removeAttachment === "string" && raw.removeAttachment ? raw.removeAttachment : null,
    };
  });
}
