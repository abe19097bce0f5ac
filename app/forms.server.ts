import { json } from "@remix-run/node";
import {
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
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
 * Reads a form that may carry files without ever holding more than the upload limit (plus one
 * byte) of any file in memory. A larger file is cut there and keeps its name, so the domain
 * refuses it as too large next to its field while every other field is parsed and kept.
 */
export function readUploadForm(request: Request): Promise<FormData> {
  const keepAtMost = MAX_UPLOAD_BYTES + 1;
  const boundedFiles: UploadHandler = async ({ filename, contentType, data }) => {
    if (!filename) return undefined;
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let kept = 0;
    for await (const chunk of data) {
      if (kept < keepAtMost) {
        const part = new Uint8Array(chunk.subarray(0, keepAtMost - kept));
        chunks.push(part);
        kept += part.length;
      }
    }
    return new File(chunks, filename, { type: contentType });
  };
  return unstable_parseMultipartFormData(
    request,
    unstable_composeUploadHandlers(boundedFiles, unstable_createMemoryUploadHandler()),
  );
}
