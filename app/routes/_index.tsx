import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "~/http/guards.server";
import { homePath } from "~/domain/navigation";

/** "/" sends each person to the page their role most likely came for. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  throw redirect(homePath(viewer.roles));
}
