/**
 * How large a request body we read, in one place. Every form is small text;
 * the org-chart import carries a CSV file (app/services/org-csv.server.ts
 * refuses more than 1 MB of it) and may carry a pasted copy as well.
 */
const KB = 1024;

export const BODY_LIMITS = {
  /**
   * The longest form (a meeting note of 20,000 characters) URL-encoded: a
   * character outside ASCII takes up to 9 bytes as %XX escapes, so 180 KB
   * plus the other fields.
   */
  form: 256 * KB,
  /** A 1 MB file plus a 1 MB pasted CSV and the multipart framing. */
  import: 2 * 1024 * KB + 64 * KB,
} as const;

const LARGER: ReadonlyArray<{ path: string; bytes: number }> = [{ path: "/admin/import", bytes: BODY_LIMITS.import }];

/** The limit for a request path; Remix's own data requests (`/admin/import.data`) count as their page. */
export function bodyLimitFor(pathname: string): number {
  const page = pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  return LARGER.find((l) => l.path === page)?.bytes ?? BODY_LIMITS.form;
}
