/** Where the SCIM service lives (app/http/scim.server.ts, app/routes/scim.v2.*). */
export const SCIM_PATH = "/scim/v2";

const UNDER_SCIM = /^\/scim\/v2(?:\/|$)/i;

/**
 * Whether a request's path (with its query) is the SCIM service or under it,
 * read as Remix will read it: through the URL parser, which resolves `..`,
 * `%2e%2e` and backslashes (app/http/remix-handler.server.ts builds the
 * request the same way), and in any case, as routes match. So
 * `/scim/v2/../admin/people` is not SCIM, and cannot borrow its exemptions.
 */
export function isScimPath(url: string): boolean {
  if (!url.startsWith("/")) return false;
  try {
    return UNDER_SCIM.test(new URL(`http://rapport.invalid${url}`).pathname);
  } catch {
    return false;
  }
}
