import { appUrl } from "~/config.server";

/**
 * Where to send the browser after a form: a path of this site only. Parsing with the app's own
 * address as the base catches every trick that a string test misses (`//evil`, `/\evil`,
 * tabs and newlines, dot segments): the result must keep the app's origin.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  const base = new URL(appUrl());
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  // A normalised path such as `//evil.example` would be read by the browser as another host.
  if (url.origin !== base.origin || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
