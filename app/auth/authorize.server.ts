import { env } from "~/env.server";
import { can, type Action, type PolicyOptions, type Viewer } from "./policies";
import { forbidden, notFound } from "~/utils/http.server";

export function policyOptions(): PolicyOptions {
  return { skipLevelRead: env().RAPPORT_SKIP_LEVEL === "read" };
}

/**
 * Refuses unless the policy allows. `hide` answers 404 instead of 403 where
 * even a refusal would tell that the record exists (someone else's account).
 */
export function authorize<A extends Action>(
  viewer: Viewer,
  action: A,
  record: Parameters<typeof can<A>>[2],
  { hide = false }: { hide?: boolean } = {},
): void {
  if (!can(viewer, action, record, policyOptions())) throw hide ? notFound() : forbidden();
}

export function allows<A extends Action>(viewer: Viewer, action: A, record: Parameters<typeof can<A>>[2]): boolean {
  return can(viewer, action, record, policyOptions());
}
