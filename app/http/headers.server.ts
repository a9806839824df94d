import { randomBytes } from "node:crypto";

/**
 * Headers every response carries — documents, error pages, redirects, CSV and
 * calendar files, static assets and the server's own refusals: our own origin
 * only, no framing, no sniffing, no referrer outside the site.
 *
 * Scripts run only from our origin or with this request's nonce: Remix's
 * hydration and deferred-data scripts are inline, and <Scripts>,
 * <ScrollRestoration>, <RemixServer> and React's stream carry the nonce.
 * Styles keep 'unsafe-inline': pages set `style` attributes (layout tweaks,
 * chart bars), which a nonce cannot cover, and a style cannot run code.
 */
export function securityHeaders(nonce: string, options: { dev?: boolean } = {}): Record<string, string> {
  return {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'" + (options.dev ? " ws:" : ""),
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}

/** A fresh nonce per response: 128 random bits, as CSP asks. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}
