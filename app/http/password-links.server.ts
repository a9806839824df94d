import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { PasswordTokenPurpose } from "~/domain/enums";
import { SetPasswordSchema } from "~/schemas/passwords";
import { getDb } from "~/services/db.server";
import { RuleViolation } from "~/services/errors.server";
import { findPasswordToken, usePasswordToken } from "~/services/passwords.server";
import { readFormData } from "./form-data.server";
import { requestOrigin } from "./request.server";
import { startSession } from "./session.server";

/**
 * The invitation and reset pages share this: the link's token is in the path; the page shows the form
 * for the person it names, or says the link no longer works. Nobody needs a session for it.
 */

/** Links are never cached or sent on as a Referer: the token in the address is a key. */
export const LINK_HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

export async function passwordLinkLoader({ params }: LoaderFunctionArgs, purpose: PasswordTokenPurpose) {
  const found = await findPasswordToken(await getDb(), purpose, params.token, new Date());
  return data({ person: found ? { name: found.name, email: found.email } : null }, { headers: LINK_HEADERS });
}

export async function passwordLinkAction(
  { request, params, context }: ActionFunctionArgs,
  purpose: PasswordTokenPurpose,
) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SetPasswordSchema });
  const hide = { hideFields: ["password", "confirmPassword"] };
  if (submission.status !== "success") return data(submission.reply(hide), { status: 400, headers: LINK_HEADERS });
  const db = await getDb();
  try {
    const used = await usePasswordToken(
      db,
      purpose,
      params.token,
      submission.value.password,
      new Date(),
      requestOrigin(request, context),
    );
    if (!used.ok) {
      return data(
        submission.reply({ ...hide, formErrors: ["This link no longer works: it was used already or has run out."] }),
        {
          status: 410,
          headers: LINK_HEADERS,
        },
      );
    }
    const welcome = purpose === "invite" ? "welcome" : "password-reset";
    return startSession(request, used.personId, `/?${new URLSearchParams({ notice: welcome })}`, {
      context,
      guessedTimeZone: formData.get("timeZone"),
    });
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    return data(submission.reply({ ...hide, fieldErrors: { [error.field ?? ""]: [error.message] } }), {
      status: 400,
      headers: LINK_HEADERS,
    });
  }
}
