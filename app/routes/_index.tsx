import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "~/http/guards.server";
import { homePath } from "~/domain/navigation";

/** "/" sends each person to the page their role most likely came for. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  // A notice (a password just set) goes along to the home page, which shows it.
  const notice = new URL(request.url).searchParams.get("notice");
  throw redirect(homePath(viewer.roles) + (notice ? `?${new URLSearchParams({ notice })}` : ""));
}
