/**
 * The address of the client as the HTTP server saw it (the socket, or the X-Forwarded-For
 * entry of a trusted proxy when TRUST_PROXY is set). The server overwrites this header on
 * every request, so a client cannot choose its own address.
 */
export const CLIENT_ADDRESS_HEADER = "x-laureat-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
