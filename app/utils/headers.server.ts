/**
 * Headers every document carries: our own origin only, no framing, no
 * sniffing. Remix streams small inline hydration scripts, so scripts still
 * allow 'unsafe-inline' until per-request nonces replace it.
 */
export function applySecurityHeaders(headers: Headers): void {
  headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'" + (process.env.NODE_ENV === "development" ? " ws:" : ""),
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  );
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}
