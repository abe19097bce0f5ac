import type { ActionFunctionArgs } from "@remix-run/node";
import { sessionCookieFor } from "~/auth/session.server";

/**
 * Request bodies as a hostile or unusual client sends them: multipart written by hand, bodies
 * streamed in chunks without a Content-Length, and a count of what the server pulled.
 */
type Action = (args: ActionFunctionArgs) => Promise<unknown>;

export interface RawPart {
  name: string;
  value: string | Uint8Array;
  /** Present for a file part, as the browser writes it inside the quotes. */
  filename?: string;
  contentType?: string;
}

export const TEST_BOUNDARY = "----laureat-test-boundary-7d1f";

/** A multipart body written byte by byte, with headers exactly as given. */
export function multipartBody(parts: RawPart[], boundary = TEST_BOUNDARY): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : "";
    chunks.push(encoder.encode(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(typeof part.value === "string" ? encoder.encode(part.value) : part.value);
    chunks.push(encoder.encode("\r\n"));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return concat(chunks);
}

export function multipartType(boundary = TEST_BOUNDARY) {
  return `multipart/form-data; boundary=${boundary}`;
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * A body sent in chunks with no declared length (as `Transfer-Encoding: chunked`): `head`
 * first, then `fillerBytes` of `filler` (Infinity for a body that never ends), then `tail`.
 * `pulled()` tells how much the server read, `cancelled()` whether it hung up.
 */
export function streamedBody({
  head = new Uint8Array(),
  fillerBytes = 0,
  filler = 0x61,
  tail = new Uint8Array(),
  chunkBytes = 64 * 1024,
}: { head?: Uint8Array; fillerBytes?: number; filler?: number; tail?: Uint8Array; chunkBytes?: number }) {
  let pulled = 0;
  let sentFiller = 0;
  let stage: "head" | "filler" | "done" = "head";
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let chunk: Uint8Array;
        if (stage === "head") {
          chunk = head;
          stage = "filler";
        } else if (stage === "filler" && sentFiller < fillerBytes) {
          chunk = new Uint8Array(Math.min(chunkBytes, fillerBytes - sentFiller)).fill(filler);
          sentFiller += chunk.length;
        } else if (stage === "filler") {
          chunk = tail;
          stage = "done";
        } else {
          controller.close();
          return;
        }
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

/** Posts any body to an action, as `postForm` does for well-formed forms. */
export async function postBody(
  action: Action,
  body: BodyInit | null,
  contentType: string | null,
  { userId, params = {}, path = "/" }: { userId?: string; params?: Record<string, string>; path?: string } = {},
): Promise<Response> {
  const headers = new Headers();
  if (contentType) headers.set("Content-Type", contentType);
  if (userId) headers.set("Cookie", await sessionCookieFor(userId));
  const request = new Request(`http://localhost${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  try {
    const result = await action({ request, params, context: {} });
    return result instanceof Response ? result : new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
