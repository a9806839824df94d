// The closed vocabularies of Rapport. The database enforces them with CHECK
// constraints (db/schema), the forms with zod (app/schemas); both read them here.

export const ROLES = ["manager", "hr", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LENSES = ["success", "change", "overload", "risk", "uniqueness"] as const;
export type Lens = (typeof LENSES)[number];

export const GOAL_STATUSES = ["active", "achieved", "dropped"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const RISK_KINDS = ["flight", "change", "overload", "indecision", "remorse", "other"] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const RISK_STATUSES = ["open", "closed"] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** "stalled" is never stored: it is derived from missed check-ins (app/domain). */
export const COMMITMENT_STATES = ["proposed", "committed", "in_progress", "done", "abandoned"] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];

export const CADENCE_KINDS = ["weekly", "biweekly", "monthly", "days"] as const;
export type CadenceKind = (typeof CADENCE_KINDS)[number];

export const MEETING_STATUSES = ["planned", "held", "cancelled"] as const;

export const TOPIC_SOURCES = ["report", "manager"] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];

export const NOTE_VISIBILITIES = ["shared", "private"] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const ACTION_STATUSES = ["open", "done", "dropped"] as const;

export const PERSPECTIVES = ["manager", "self"] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export const AUDITED_ENTITIES = [
  "person",
  "team",
  "goal",
  "risk",
  "commitment",
  "assessment",
  "meeting",
  "action_item",
  "scim_token",
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** An outbox row: waiting (or being sent), delivered to SMTP, kept in the log instead, given up, or too late. */
export const MAIL_STATUSES = ["pending", "sent", "logged", "failed", "expired"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Where a message went: an SMTP server (SMTP_URL), or the server log when there is none. */
export const MAIL_TRANSPORTS = ["smtp", "log"] as const;
export type MailTransportName = (typeof MAIL_TRANSPORTS)[number];

/**
 * What the security log records. Kinds nothing emits yet (invitations, password
 * resets, changes in settings) are here so the code that adds them only calls
 * recordSecurityEvent.
 */
export const SECURITY_EVENT_KINDS = [
  "sign-in.password",
  "sign-in.sso",
  "sign-out",
  "sign-out.everywhere",
  "session.revoked",
  "password.changed",
  "password.reset-requested",
  "password.reset",
  "invitation.sent",
  "invitation.accepted",
  "person.role-changed",
  "person.manager-changed",
  "person.activated",
  "person.deactivated",
  "person.password-set-by-admin",
  "org.csv-imported",
  "scim.person-created",
  "scim.person-updated",
  "scim.person-deactivated",
  "scim.token-created",
  "scim.token-revoked",
  "scim.token-used",
  "export.trends-csv",
  "export.team-trends-csv",
  "export.security-log-csv",
  "calendar-feed.made",
  "calendar-feed.turned-off",
  "export.your-data",
  "backup.made",
  "history.shared",
  "history.unshared",
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SECURITY_OUTCOMES = ["success", "failure", "refused"] as const;
export type SecurityOutcome = (typeof SECURITY_OUTCOMES)[number];

/** What a password link is for: a first password (an invitation) or a forgotten one. */
export const PASSWORD_TOKEN_PURPOSES = ["invite", "reset"] as const;
export type PasswordTokenPurpose = (typeof PASSWORD_TOKEN_PURPOSES)[number];

/** How a person's time zone was set: guessed from their browser at sign-in, or chosen by them in settings. */
export const TIME_ZONE_SOURCES = ["guessed", "chosen"] as const;
export type TimeZoneSource = (typeof TIME_ZONE_SOURCES)[number];

/** The messages Rapport sends on its own (docs/decisions/037-reminders-and-digest.md): each can be turned off. */
export const MESSAGE_KINDS = ["report-reminder", "manager-reminder", "follow-ups", "weekly-digest"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** In what capacity someone other than the person and their direct manager read about them (ADR 041). */
export const ACCESS_ROLES = ["skip-level-manager", "admin", "export", "other"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/**
 * What was read about a person: their account page, a commitment, a 1:1, their record in the org chart, an
 * export, the manager's rating of their checklist, their 1:1 rhythm, a search of their 1:1s. A risk is
 * read as "account": a risk must never show the person it exists (ADR 041).
 */
export const ACCESS_TARGETS = [
  "account",
  "commitment",
  "meeting",
  "person-record",
  "export",
  "checklist",
  "rhythm",
  "search",
] as const;
export type AccessTarget = (typeof ACCESS_TARGETS)[number];
