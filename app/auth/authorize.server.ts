import { env } from "~/env.server";
import { can, type Action, type PolicyOptions, type Viewer } from "./policies";

export function policyOptions(): PolicyOptions {
  return { skipLevelRead: env().RAPPORT_SKIP_LEVEL === "read" };
}

/** The policy table's answer under this deployment's options; services filter with it, guards refuse with it. */
export function allows<A extends Action>(viewer: Viewer, action: A, record: Parameters<typeof can<A>>[2]): boolean {
  return can(viewer, action, record, policyOptions());
}
