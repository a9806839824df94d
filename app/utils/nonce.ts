import { createContext, useContext } from "react";

/**
 * This response's CSP nonce, for the inline scripts Remix renders. It exists
 * only on the server: browsers hide nonces from the page, so in the browser
 * the value is "" and hydration leaves the server's attribute alone.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
