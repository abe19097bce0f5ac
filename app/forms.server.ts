import { json } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { DomainError } from "~/domain/errors";
import { MAX_UPLOAD_BYTES } from "~/storage/attachments.server";

/**
 * Turns a refusal of the domain into the form's own errors, next to the field it names,
 * keeping everything the person typed. Anything else is a real failure and propagates.
 */
export function replyWithDomainError(submission: Submission<unknown>, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  const fieldErrors = Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, [key]]));
  if (error.field) fieldErrors[error.field] = [error.key];
  const reply = submission.reply(error.field ? { fieldErrors } : { formErrors: [error.key], fieldErrors });
  return json(reply, { status: error.status });
}

/**
 * Reads a form that may carry files, refusing any file over the upload limit before it is
 * buffered whole. Returns the field name of the oversized file instead of the data.
 */
export async function readUploadForm(request: Request): Promise<FormData | { tooLarge: string }> {
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { tooLarge: error.field };
    throw error;
  }
}
