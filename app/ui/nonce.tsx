import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the current response, given by the server to the
 * scripts Remix writes inline. Browsers hide nonces from the page, so the client has none.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
