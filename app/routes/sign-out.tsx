import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/http/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  return endSession(request, { context });
}

/** Signing out is a POST; a stray GET goes home rather than signing anyone out. */
export async function loader() {
  return redirect("/");
}
