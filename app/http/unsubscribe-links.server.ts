import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { KIND_LABELS } from "~/domain/messages";
import { getDb } from "~/services/db.server";
import { findUnsubscribeToken, unsubscribe } from "~/services/messages/preferences.server";
import { notFound } from "./errors.server";
import { readFormData } from "./form-data.server";
import { LINK_HEADERS } from "./password-links.server";

/**
 * The one-click unsubscribe link in every message Rapport sends on its own (RFC 8058,
 * docs/decisions/037-reminders-and-digest.md). Nobody needs a session: the token in the path is the
 * proof, and it can do one thing, turn off one kind of message for one person. GET only shows the
 * button (link scanners open links; they must not unsubscribe anyone). A token that is not one of ours
 * answers 404.
 */
export async function unsubscribeLinkLoader({ params }: LoaderFunctionArgs) {
  const link = await findUnsubscribeToken(await getDb(), params.token);
  if (!link) throw notFound("This unsubscribe link is not one of ours, or it is too old.");
  return data({ what: KIND_LABELS[link.kind], done: false, errors: [] as string[] }, { headers: LINK_HEADERS });
}

export async function unsubscribeLinkAction({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const db = await getDb();
  if (form.get("List-Unsubscribe") !== "One-Click") {
    // Not a one-click post (RFC 8058 names the one field it sends): show the button again.
    const link = await findUnsubscribeToken(db, params.token);
    if (!link) throw notFound("This unsubscribe link is not one of ours, or it is too old.");
    const errors = ["Nothing changed: use the Unsubscribe button below."];
    return data({ what: KIND_LABELS[link.kind], done: false, errors }, { status: 400, headers: LINK_HEADERS });
  }
  const link = await unsubscribe(db, params.token, new Date());
  if (!link) throw notFound("This unsubscribe link is not one of ours, or it is too old.");
  return data({ what: KIND_LABELS[link.kind], done: true, errors: [] as string[] }, { headers: LINK_HEADERS });
}
