import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { id } from "./columns";

/** Failed sign-ins, kept in the database so the throttle holds across app servers. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id(),
    emailKey: text("email_key").notNull(),
    ip: text("ip").notNull(),
    failedAt: timestamp("failed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_failures_email_idx").on(t.emailKey, t.failedAt),
    index("sign_in_failures_ip_idx").on(t.ip, t.failedAt),
  ],
);

/** Small instance-wide values, such as a generated session secret shared by every app server. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
