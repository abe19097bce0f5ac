import { Readable } from "node:stream";
import { json, type TypedResponse } from "@remix-run/node";
import { parse, type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
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
 * A form post's usual path: the schema reads the form (400 with its errors when it refuses),
 * `change` calls the service and returns the answer to a success, and a refusal of the domain
 * lands next to its field.
 */
export async function submitForm<Schema extends z.ZodTypeAny>(
  formData: FormData,
  schema: Schema,
  change: (value: z.output<Schema>) => Promise<Response>,
) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    return await change(submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

/**
 * Limits of every form body. A text field of the largest form (8,000 characters) takes at most
 * about 72 KB once percent-encoded, so these leave room for every honest form and no more.
 */
export const FORM_LIMITS = {
  /** Everything that is not a file: the whole body of a form without files. */
  textBytes: 1024 * 1024,
  fieldBytes: 96 * 1024,
  parts: 200,
  fileBytes: MAX_UPLOAD_BYTES,
} as const;

/** A refused body may still be on its way: it is read and dropped up to this size so the browser gets the answer. */
const DISCARD_AT_MOST_BYTES = 32 * 1024 * 1024;

export interface ReadFormOptions {
  /** The file inputs this form accepts; a form without files refuses any file part. */
  files?: readonly string[];
}

/** A Response, so that an action tells it from the form with `instanceof Response` and returns it. */
export type FormRefusal = TypedResponse<SubmissionResult<string[]>> & Response;

interface Refusal {
  status: 400 | 413 | 415;
  formError?: string;
  fieldErrors: Record<string, string>;
}

/**
 * The one way an action reads its form. The body is streamed and bounded: its total size, each
 * text field, the number of parts and of files; only the files the form names are kept, each up
 * to the upload limit. Call it once the person is known to be allowed to post here, so that
 * nothing of a stranger's upload is read. A refused body comes back as the form's reply (413 for
 * a body beyond the limits, 400 for one that cannot be read, 415 for one that is not a form),
 * with the reason next to the field at fault and every other field kept; the action returns it.
 */
export async function readForm(request: Request, { files = [] }: ReadFormOptions = {}): Promise<FormData | FormRefusal> {
  const formData = new FormData();
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!request.body) return formData;
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    return replyWithRefusal(formData, { status: 415, formError: "formUnreadable", fieldErrors: {} });
  }
  const refusal = await parseBody(request.body, contentType, files, formData);
  return refusal ? replyWithRefusal(formData, refusal) : formData;
}

async function parseBody(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  files: readonly string[],
  formData: FormData,
): Promise<Refusal | null> {
  const maxBytes = FORM_LIMITS.textBytes + files.length * FORM_LIMITS.fileBytes;
  const fieldErrors: Record<string, string> = {};
  const outcome: { refusal: Refusal | null } = { refusal: null };
  // The part being read, named before its content arrives: a body cut short blames that field.
  const reading: { part: { name: string; file: boolean } | null } = { part: null };
  const refuse = (status: Refusal["status"], formError?: string) => {
    outcome.refusal ??= { status, formError, fieldErrors };
  };
  const fileReads: Promise<void>[] = [];

  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      limits: {
        fieldNameSize: 200,
        fieldSize: FORM_LIMITS.fieldBytes,
        fields: FORM_LIMITS.parts,
        parts: FORM_LIMITS.parts,
        files: files.length,
        // One byte more than allowed tells a file at the limit from a larger one.
        fileSize: FORM_LIMITS.fileBytes + 1,
        headerPairs: 20,
        headerSize: 8 * 1024,
      },
      isPartAFile: (name, _type, filename) => {
        reading.part = { name: name ?? "", file: filename !== undefined };
        return filename !== undefined;
      },
    });
  } catch {
    return { status: 400, formError: "formUnreadable", fieldErrors };
  }

  parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
    reading.part = null;
    if (!name) return;
    if (valueTruncated) fieldErrors[name] = "tooLong";
    else formData.append(name, value);
  });
  parser.on("file", (name, stream, filename, _encoding, mimeType) => {
    if (!files.includes(name)) {
      stream.resume();
      return;
    }
    fileReads.push(
      readFilePart(stream).then((chunks) => {
        reading.part = null;
        if (stream.truncated) fieldErrors[name] = "fileTooLarge";
        // A file input left empty still sends a part, without a name or content.
        else if (filename) formData.append(name, new File(chunks, filename, { type: mimeType }));
      }),
    );
  });
  parser.on("partsLimit", () => refuse(413, "tooManyFields"));
  parser.on("fieldsLimit", () => refuse(413, "tooManyFields"));
  parser.on("filesLimit", () => refuse(413, files.length === 0 ? "filesNotAccepted" : "tooManyFiles"));

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("finish", resolve);
    parser.on("error", reject);
  });
  // A broken body rejects this promise while chunks are still being written: it is awaited there.
  parsed.catch(() => undefined);

  const reader = body.getReader();
  let readBytes = 0;
  try {
    while (!outcome.refusal) {
      const { done, value } = await reader.read();
      if (done) break;
      readBytes += value.byteLength;
      if (readBytes > maxBytes) {
        refuseOversizedPart(reading.part, fieldErrors);
        refuse(413, Object.keys(fieldErrors).length === 0 ? "formTooLarge" : undefined);
        break;
      }
      await Promise.race([write(parser, value), parsed]);
    }
    if (!outcome.refusal) {
      parser.end();
      await parsed;
      await Promise.all(fileReads);
    }
  } catch {
    refuse(400, "formUnreadable");
  }
  if (outcome.refusal) {
    parser.destroy();
    void discardRest(reader, readBytes);
    return outcome.refusal;
  }
  reader.releaseLock();
  return Object.keys(fieldErrors).length > 0 ? { status: 413, fieldErrors } : null;
}

/** The part being read when the body went over its limit is the one at fault. */
function refuseOversizedPart(current: { name: string; file: boolean } | null, fieldErrors: Record<string, string>) {
  if (current?.name) fieldErrors[current.name] = current.file ? "fileTooLarge" : "tooLong";
}

function write(parser: BusboyInstance, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => parser.write(chunk, (error) => (error ? reject(error) : resolve())));
}

async function readFilePart(stream: Readable): Promise<Uint8Array<ArrayBuffer>[]> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of stream) chunks.push(new Uint8Array(chunk as Buffer));
  return chunks;
}

/**
 * Reads what the client still sends of a refused body, keeping nothing, so that it receives the
 * answer instead of a reset connection; a body that goes on past the ceiling is cut off.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number) {
  let total = alreadyRead;
  try {
    while (total <= DISCARD_AT_MOST_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to read.
  }
}

/** Every field read is given back to the form, except passwords, which never travel back to the page. */
function replyWithRefusal(formData: FormData, { status, formError, fieldErrors }: Refusal): FormRefusal {
  const kept = new FormData();
  for (const [name, value] of formData) if (!/password/i.test(name) && typeof value === "string") kept.append(name, value);
  const submission = parse<unknown, string[]>(kept, { resolve: () => ({ error: {} }) });
  const reply = submission.reply({
    formErrors: formError ? [formError] : undefined,
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([field, key]) => [field, [key]])),
  });
  return json(reply, { status }) as FormRefusal;
}
