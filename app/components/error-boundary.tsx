import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request was not understood", body: "Check what you entered and try again." },
  403: { title: "Not yours to see", body: "You do not have access to this page." },
  404: { title: "Not found", body: "We could not find that page. It may not exist, or it is not shared with you." },
  409: { title: "Changed by someone else", body: "This record changed while you were editing it." },
  413: { title: "Too large", body: "That upload or form was larger than we accept." },
  429: { title: "Slow down", body: "Too many attempts. Please wait a few minutes and try again." },
  503: { title: "Briefly unavailable", body: "The database is not answering right now. Please try again in a moment." },
};

/** One boundary for every route: a clear message per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = MESSAGES[status];
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  if (status >= 500 && !isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="card" role="alert">
      <h1>{known?.title ?? "Something went wrong"}</h1>
      <p>{detail ?? known?.body ?? "An unexpected error happened on our side. It has been logged."}</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}
