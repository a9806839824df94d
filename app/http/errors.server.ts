/**
 * Errors that carry an HTTP status. Thrown from loaders and actions; Remix
 * turns the Response into the route's ErrorBoundary with that status.
 */
export function forbidden(message = "You do not have access to this page."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "We could not find that page."): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export function badRequest(message = "That request was not understood."): Response {
  return new Response(message, { status: 400, statusText: "Bad Request" });
}

/** A page that changes nothing, asked to change something: refused, saying why, with what it does allow. */
export function methodNotAllowed(message: string): Response {
  return new Response(message, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "GET, HEAD" } });
}
