import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Work shared by every loader of one HTTP request (Remix hands each loader its own Request,
 * so a cache keyed on the Request misses). The HTTP server opens one context per request;
 * the store lives on globalThis because the server and the app bundle each load their own
 * copy of this module. Outside a request (tests, scripts) nothing is shared.
 */
interface RequestContext {
  memo: Map<string, unknown>;
}

const KEY = Symbol.for("laureat.requestContext");
const holder = globalThis as unknown as { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runInRequestContext<T>(work: () => T): T {
  return storage.run({ memo: new Map() }, work);
}

/** Computes once per request under `key`; every later caller in the same request gets the same promise. */
export function memoizeForRequest<T>(key: string, compute: () => T): T {
  const context = storage.getStore();
  if (!context) return compute();
  if (!context.memo.has(key)) context.memo.set(key, compute());
  return context.memo.get(key) as T;
}
