import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { createInstance, type i18n } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { renderToPipeableStream } from "react-dom/server";
import { i18nServer } from "~/i18n/i18n.server";
import { i18nOptions, toLocale } from "~/i18n/config";
import { startOutboxWorker } from "~/mail/outbox.server";
import { closeDatabaseOnShutdown, database } from "~/db.server";
import { startEmbeddedMaintenance } from "~/db/maintenance.server";
import { NonceProvider } from "~/ui/nonce";

const ABORT_DELAY = 5_000;

startOutboxWorker();
closeDatabaseOnShutdown();
if (database.kind === "pglite") startEmbeddedMaintenance(database.runner);

// One translation instance per language, made once: rendering only reads from it, and making
// one per request cost more than some pages' database work.
const translators = new Map<string, Promise<i18n>>();

function translatorFor(lng: string): Promise<i18n> {
  let ready = translators.get(lng);
  if (!ready) {
    const instance = createInstance();
    ready = instance
      .use(initReactI18next)
      .init({ ...i18nOptions, lng })
      .then(() => instance);
    translators.set(lng, ready);
  }
  return ready;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const instance = await translatorFor(toLocale(await i18nServer.getLocale(request)));

  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = coalesced();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          preventCaching(responseHeaders);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

const COALESCE_BYTES = 64 * 1024;

/**
 * React writes a page in hundreds of small pieces; compressed one by one they cost more CPU
 * than rendering the page. No page streams deferred data, so joining them loses nothing.
 */
function coalesced(): Transform {
  let pending: Buffer[] = [];
  let size = 0;
  const release = (stream: Transform) => {
    if (size > 0) stream.push(Buffer.concat(pending, size));
    pending = [];
    size = 0;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= COALESCE_BYTES) release(this);
      done();
    },
    flush(done) {
      release(this);
      done();
    },
  });
}

/** Data responses of loaders and actions: never kept by a browser or a proxy unless a route says so. */
export function handleDataRequest(response: Response) {
  preventCaching(response.headers);
  return response;
}

// Pages show personal data once signed in; a shared computer's back button or a proxy must
// not replay them. A route that wants caching sets its own Cache-Control.
function preventCaching(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}
