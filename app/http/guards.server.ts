import { allows } from "~/auth/authorize.server";
import type { Action, can, Viewer } from "~/auth/policies";
import { forbidden, notFound } from "./errors.server";

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
  if (!allows(viewer, action, record)) throw hide ? notFound() : forbidden();
}
