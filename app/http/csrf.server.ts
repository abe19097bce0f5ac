/**
 * Cross-site request forgery is refused in one place, before any loader or action runs:
 * Remix checks the Origin of document POSTs only, not of data requests nor resource routes.
 * A browser always says where a write comes from (Sec-Fetch-Site, or at least Origin); a
 * request without either is not a browser's, carries no ambient cookie, and cannot be forged
 * from another site.
 */
export interface WriteOrigin {
  method: string;
  secFetchSite: string | undefined;
  origin: string | undefined;
  /** The origin the request was addressed to (scheme and Host header). */
  requestOrigin: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteWrite(request: WriteOrigin, appOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  // Another port of the same host is "same-site" but not the same origin: refused too.
  if (request.secFetchSite) return request.secFetchSite !== "same-origin";
  if (request.origin === undefined) return false;
  return request.origin !== appOrigin && request.origin !== request.requestOrigin;
}
