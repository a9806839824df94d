/**
 * How large a request body we read, in one place. Every form is small text;
 * the org-chart import carries a CSV file (app/services/org-csv.server.ts
 * refuses more than 1 MB of it) and may carry a pasted copy as well; the
 * SCIM service takes JSON of its own size.
 */
import { isScimPath } from "./scim-path.server";

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
  /**
   * SCIM's JSON (app/http/scim.server.ts): Okta and Entra send one person per
   * request, a few KB even with every attribute mapped; this leaves room for a
   * PATCH of the most operations we take (app/schemas/scim.ts), and no more.
   */
  scim: 64 * KB,
} as const;

const LARGER: ReadonlyArray<{ path: string; bytes: number }> = [{ path: "/admin/import", bytes: BODY_LIMITS.import }];

/** The limit for a request path; Remix's own data requests (`/admin/import.data`) count as their page. */
export function bodyLimitFor(pathname: string): number {
  if (isScimPath(pathname)) return BODY_LIMITS.scim;
  const page = pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  return LARGER.find((l) => l.path === page)?.bytes ?? BODY_LIMITS.form;
}
