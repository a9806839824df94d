import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { ROLES, TIME_ZONE_SOURCES } from "~/domain/enums";
import { createdAt, id, oneOf, updatedAt, version } from "./columns";

export const teams = pgTable(
  "teams",
  {
    id: id(),
    name: text("name").notNull(),
    parentTeamId: uuid("parent_team_id").references((): AnyPgColumn => teams.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("teams_name_unique").on(sql`lower(${t.name})`),
    index("teams_parent_idx").on(t.parentTeamId),
    check("teams_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check("teams_not_own_parent", sql`${t.parentTeamId} is distinct from ${t.id}`),
  ],
);

export const people = pgTable(
  "people",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "restrict" }),
    managerId: uuid("manager_id").references((): AnyPgColumn => people.id, { onDelete: "restrict" }),
    /** scrypt hash (app/auth/password.server.ts); null means the person cannot sign in yet. */
    passwordHash: text("password_hash"),
    /** The identity provider's own id for the person (SCIM `externalId`), case-exact; unique when set. */
    externalId: text("external_id"),
    active: boolean("active").notNull().default(true),
    /** The IANA zone the person reads times in (checked against Intl by app/domain/time-zones.ts). */
    timeZone: text("time_zone").notNull().default("UTC"),
    /** How the zone was set: null never, "guessed" from a browser at sign-in, "chosen" in settings. */
    timeZoneSource: text("time_zone_source", { enum: TIME_ZONE_SOURCES }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("people_email_unique").on(t.email),
    uniqueIndex("people_external_id_unique")
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
    index("people_manager_idx").on(t.managerId),
    index("people_team_idx").on(t.teamId),
    check("people_email_lowercase", sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`),
    check("people_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check("people_external_id_length", sql`char_length(${t.externalId}) between 1 and 255`),
    check("people_not_own_manager", sql`${t.managerId} is distinct from ${t.id}`),
    // The shape of an IANA name; whether the zone exists is Intl's to say, in the app.
    check("people_time_zone_shape", sql`${t.timeZone} ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$'`),
    check("people_time_zone_source", oneOf(t.timeZoneSource, TIME_ZONE_SOURCES)),
  ],
);

/** Every active person is an employee; these are the roles granted on top. */
export const personRoles = pgTable(
  "person_roles",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.role] }), check("person_roles_role", oneOf(t.role, ROLES))],
);

/**
 * History of who managed whom. people.manager_id is the current line; this
 * table keeps when each line began and ended, so "former manager" is a fact.
 */
export const reportingLines = pgTable(
  "reporting_lines",
  {
    id: id(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("reporting_lines_person_idx").on(t.personId, t.startedAt),
    index("reporting_lines_manager_idx").on(t.managerId),
    uniqueIndex("reporting_lines_one_current")
      .on(t.personId)
      .where(sql`${t.endedAt} is null`),
    check("reporting_lines_period", sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);
