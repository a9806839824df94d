import { z } from "zod";
import { isCommonPassword } from "~/domain/common-passwords";
import { storable } from "./fields";

export const MIN_PASSWORD_LENGTH = 12;

/** A new password, the same rules wherever one is chosen: an invitation, a reset, the settings page. */
export const newPassword = z
  .string({ error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "That password is too long: 200 characters at most.")
  .refine(storable, "That password contains a character that cannot be saved.")
  .refine((p) => !isCommonPassword(p), "That password is one of the most common ones. Choose one that is yours alone.");

const SetPasswordFields = z.object({
  password: newPassword,
  confirmPassword: z.string({ error: "Type the password again." }).max(200, "That password is too long."),
});
/** Typed twice, so a slip of the finger does not lock the person out. */
const confirmed = (v: { password: string; confirmPassword: string }) => v.password === v.confirmPassword;
const differ = { message: "The two passwords differ.", path: ["confirmPassword"] };

/** The invitation and reset pages: the token is in the address, not the form. */
export const SetPasswordSchema = SetPasswordFields.refine(confirmed, differ);

/** The settings page's fields, unrefined so that a form with an intent can extend them. */
export const ChangePasswordFields = SetPasswordFields.extend({
  currentPassword: z.string({ error: "Type your current password." }).max(200, "That password is too long."),
});
export const ChangePasswordSchema = ChangePasswordFields.refine(confirmed, differ);

export const ForgotPasswordSchema = z.object({
  email: z
    .string({ error: "Type your email address." })
    .trim()
    .toLowerCase()
    .max(254, "That email is too long.")
    .pipe(z.email({ error: "That is not an email address." })),
});
