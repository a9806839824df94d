import { z } from "zod";

/** Shared by the sign-in form (client) and its action (server). */
export const SignInSchema = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .toLowerCase()
    .max(254, "That email address is too long.")
    .pipe(z.email({ error: "Enter a valid email address." })),
  password: z.string({ error: "Enter your password." }).max(200, "That password is too long."),
  redirectTo: z.string().max(2000).optional(),
});
