import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ChoiceField, Field, FormErrors, SubmissionKey, useIsSubmitting } from "~/components/forms";
import { readFormData } from "~/http/form-data.server";
import { requireViewerSession } from "~/http/guards.server";
import { requestOrigin } from "~/http/request.server";
import { endAllSessions } from "~/http/session.server";
import { ChangePasswordFields, ChangePasswordSchema } from "~/schemas/passwords";
import { RuleViolation } from "~/services/errors.server";
import { changePassword, ownPasswordIsSet } from "~/services/passwords.server";
import { listActiveSessions, revokeOtherSessions, revokeSession } from "~/services/sessions.server";
import { chooseTimeZone, ownTimeZone } from "~/services/time-zones.server";
import { timeZoneChoices } from "~/domain/time-zones";
import { formatDateTime } from "~/utils/format";
import { TableScroll } from "~/components/table-scroll";
import { CALENDAR_FEED_INTENTS, CalendarFeedSection } from "~/components/settings/calendar-feed";
import { calendarFeedStatus, makeCalendarFeed, turnOffCalendarFeed } from "~/services/calendar-feeds.server";
import { publicOrigin } from "~/http/request.server";
import { MESSAGE_KINDS } from "~/domain/enums";
import {
  KIND_LABELS,
  KIND_PREFERENCE,
  LEAD_TIMES,
  leadTimeWords,
  WEEKDAYS,
  type MessagePreferences,
} from "~/domain/messages";
import { submissionKey } from "~/http/submission-key.server";
import { getMessagePreferences, saveMessagePreferences } from "~/services/messages/preferences.server";
import { writeOnce } from "~/services/submissions.server";

export const meta: MetaFunction = () => [{ title: "Settings · Rapport" }];

const SettingsSchema = z.discriminatedUnion("intent", [
  ChangePasswordFields.extend({ intent: z.literal("password") }),
  z.object({ intent: z.literal("sign-out-session"), sessionId: z.string().max(64) }),
  z.object({ intent: z.literal("sign-out-others") }),
  z.object({ intent: z.literal("sign-out-everywhere") }),
  z.object({ intent: z.literal("time-zone"), timeZone: z.string({ error: "Choose a time zone." }).max(200) }),
  z.object({ intent: z.literal(CALENDAR_FEED_INTENTS.make) }),
  z.object({ intent: z.literal(CALENDAR_FEED_INTENTS.off) }),
  z.object({
    intent: z.literal("messages"),
    kinds: z.array(z.enum(MESSAGE_KINDS)).max(MESSAGE_KINDS.length).optional(),
    reportLeadMinutes: z.number({ error: "Choose how long before." }).int(),
    managerLeadMinutes: z.number({ error: "Choose how long before." }).int(),
    digestWeekday: z.number({ error: "Choose a day." }).int(),
    digestHour: z.number({ error: "Choose an hour." }).int(),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db, sessionId, timeZone } = await requireViewerSession(request);
  const [sessions, hasPassword, zone, feed, messages] = await Promise.all([
    listActiveSessions(db, viewer.id),
    ownPasswordIsSet(db, viewer.id),
    ownTimeZone(db, viewer.id),
    calendarFeedStatus(db, viewer.id),
    getMessagePreferences(db, viewer.id),
  ]);
  return {
    hasPassword,
    calendarFeed: {
      on: !!feed,
      made: feed ? formatDateTime(feed.createdAt, timeZone) : null,
      lastUsed: feed?.lastUsedAt ? formatDateTime(feed.lastUsedAt, timeZone) : null,
    },
    messages: { ...messages, zone: zone.timeZone },
    timeZone: { ...zone, choices: timeZoneChoices(zone.timeZone) },
    sessions: sessions.map((s) => ({
      id: s.id,
      browser: s.browser,
      clientAddress: s.clientAddress,
      lastSeen: formatDateTime(s.lastSeenAt, timeZone),
      current: s.id === sessionId,
    })),
  };
}

const PASSWORD_FIELDS = ["currentPassword", "password", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, db, sessionId } = await requireViewerSession(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SettingsSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: PASSWORD_FIELDS }), { status: 400 });
  const value = submission.value;
  const now = new Date();
  switch (value.intent) {
    case "messages": {
      const chosen = new Set(value.kinds ?? []);
      const preferences: MessagePreferences = {
        reportReminder: chosen.has("report-reminder"),
        managerReminder: chosen.has("manager-reminder"),
        followUps: chosen.has("follow-ups"),
        weeklyDigest: chosen.has("weekly-digest"),
        reportLeadMinutes: value.reportLeadMinutes,
        managerLeadMinutes: value.managerLeadMinutes,
        digestWeekday: value.digestWeekday,
        digestHour: value.digestHour,
      };
      try {
        // A second copy of the same post writes nothing and is answered the same (ADR 031).
        await writeOnce(db, viewer.id, submissionKey(formData), now, (tx) =>
          saveMessagePreferences(tx, viewer.id, preferences, now),
        );
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        return data(submission.reply({ fieldErrors: { [error.field ?? ""]: [error.message] } }), { status: 400 });
      }
      return redirect("/settings?saved=messages");
    }
    case "time-zone":
      try {
        await chooseTimeZone(db, viewer.id, value.timeZone, now);
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        return data(submission.reply({ fieldErrors: { timeZone: [error.message] } }), { status: 400 });
      }
      return redirect("/settings?saved=time-zone");
    case "password": {
      if (value.password !== value.confirmPassword) {
        return data(
          submission.reply({
            hideFields: PASSWORD_FIELDS,
            fieldErrors: { confirmPassword: ["The two passwords differ."] },
          }),
          { status: 400 },
        );
      }
      try {
        await changePassword(db, viewer.id, value, sessionId, now, requestOrigin(request, context));
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        return data(
          submission.reply({ hideFields: PASSWORD_FIELDS, fieldErrors: { [error.field ?? ""]: [error.message] } }),
          { status: 400 },
        );
      }
      return redirect("/settings?saved=password");
    }
    case "sign-out-session":
      await revokeSession(db, viewer.id, value.sessionId, now);
      return redirect("/settings?saved=signed-out");
    case "sign-out-others":
      await revokeOtherSessions(db, viewer.id, sessionId, now);
      return redirect("/settings?saved=signed-out");
    case "sign-out-everywhere":
      return endAllSessions(request);
    case CALENDAR_FEED_INTENTS.make: {
      // No write-once key here: the address is shown once, so the reply the browser shows must be one that
      // made it. A second copy makes a newer one, and the page shows that (ADR 038).
      const rotated = !!(await calendarFeedStatus(db, viewer.id));
      const token = await makeCalendarFeed(db, viewer.id, now, requestOrigin(request, context));
      const https = `${publicOrigin(request)}/feeds/${token}/calendar.ics`;
      return data(
        { calendarFeed: { https, webcal: https.replace(/^https?:/, "webcal:"), rotated } },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
    case CALENDAR_FEED_INTENTS.off:
      await turnOffCalendarFeed(db, viewer.id, now, requestOrigin(request, context));
      return redirect("/settings?saved=calendar-feed-off");
  }
}

const SAVED: Record<string, string> = {
  "time-zone": "Your time zone is saved: every date and time is now shown in it.",
  password: "Your password is changed. Every other browser signed in as you has been signed out.",
  "signed-out": "Signed out there.",
  "calendar-feed-off": "Your calendar address is turned off: calendars that subscribed to it get nothing more.",
  messages: "Your choice of messages is saved.",
};

export default function Settings() {
  const { sessions, hasPassword, timeZone, calendarFeed, messages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const reply = useActionData<typeof action>();
  // The calendar section's reply carries its new address; every other form's is a form reply.
  const feedMade = reply && "calendarFeed" in reply ? reply.calendarFeed : undefined;
  const actionData = reply && !("calendarFeed" in reply) ? reply : undefined;
  // Each form reads only its own reply: the time zone's is the one that names the field.
  const timeZoneReply = actionData?.initialValue?.intent === "time-zone" ? actionData : undefined;
  const messagesReply = actionData?.initialValue?.intent === "messages" ? actionData : undefined;
  const lastResult = timeZoneReply || messagesReply ? undefined : actionData;
  const saved = reply === undefined ? SAVED[params.get("saved") ?? ""] : undefined;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <h1>Settings</h1>
      {saved ? (
        <p className="alert ok" role="status">
          {saved}
        </p>
      ) : null}
      <div className="grid">
        <TimeZoneForm {...timeZone} lastResult={timeZoneReply} />
        <MessagesForm {...messages} lastResult={messagesReply} />
        {hasPassword ? <ChangePasswordForm lastResult={lastResult} /> : null}
        <CalendarFeedSection state={calendarFeed} made={feedMade} />
        <section className="card">
          <h2>Your privacy</h2>
          <p>
            <Link to="/me/privacy">Who read what about you</Link>: every read of the pages about you by anyone but you
            and your manager, and how often your manager opened them.
          </p>
        </section>
        <section className="card">
          <h2>Where you are signed in</h2>
          <TableScroll label="Where you are signed in, table">
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Last seen</th>
                <th scope="col">Address</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.browser} {s.current ? <strong>(this browser)</strong> : null}
                  </td>
                  <td>{s.lastSeen}</td>
                  <td>{s.clientAddress ?? "—"}</td>
                  <td>
                    {s.current ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="sign-out-session" />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button type="submit" aria-label={`Sign out ${s.browser}, last seen ${s.lastSeen}`}>
                          Sign out
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
          <div className="actions">
            {others > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="sign-out-others" />
                <button type="submit">Sign out everywhere else</button>
              </Form>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="sign-out-everywhere" />
              <button type="submit" className="danger">
                Sign out everywhere
              </button>
            </Form>
          </div>
        </section>
      </div>
    </>
  );
}

const TimeZoneSchema = z.object({ timeZone: z.string({ error: "Choose a time zone." }) });

function TimeZoneForm({
  timeZone,
  chosen,
  choices,
  lastResult,
}: {
  timeZone: string;
  chosen: boolean;
  choices: { region: string; zones: { value: string; label: string }[] }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const submitting = useIsSubmitting(undefined, "time-zone");
  const [form, fields] = useForm({
    id: "time-zone",
    lastResult,
    constraint: getZodConstraint(TimeZoneSchema),
    defaultValue: { timeZone },
  });
  return (
    <section className="card">
      <h2>Your time zone</h2>
      <p className="muted">
        {chosen
          ? "Every date and time in Rapport is shown in the zone you chose. Your 1:1 rhythms are kept in it."
          : "Every date and time in Rapport is shown in this zone, taken from your browser when you signed in. Choose yours to keep it."}
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="time-zone" />
        <Field label="Time zone" hint="(type a city to jump to it)" meta={fields.timeZone} as="select">
          {choices.map((group) => (
            <optgroup key={group.region} label={group.region}>
              {group.zones.map((zone) => (
                <option key={zone.value} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </optgroup>
          ))}
        </Field>
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save time zone"}
          </button>
        </div>
      </Form>
    </section>
  );
}

const MessagesSchema = z.object({
  kinds: z.array(z.enum(MESSAGE_KINDS)).optional(),
  reportLeadMinutes: z.number(),
  managerLeadMinutes: z.number(),
  digestWeekday: z.number(),
  digestHour: z.number(),
});

const two = (n: number) => String(n).padStart(2, "0");

function MessagesForm({
  zone,
  lastResult,
  ...preferences
}: MessagePreferences & { zone: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const submitting = useIsSubmitting(undefined, "messages");
  const [form, fields] = useForm({
    id: "messages",
    lastResult,
    constraint: getZodConstraint(MessagesSchema),
    defaultValue: {
      kinds: MESSAGE_KINDS.filter((kind) => preferences[KIND_PREFERENCE[kind]]),
      reportLeadMinutes: String(preferences.reportLeadMinutes),
      managerLeadMinutes: String(preferences.managerLeadMinutes),
      digestWeekday: String(preferences.digestWeekday),
      digestHour: String(preferences.digestHour),
    },
  });
  const leadOptions = LEAD_TIMES.map((minutes) => (
    <option key={minutes} value={minutes}>
      {leadTimeWords(minutes)} before
    </option>
  ));
  return (
    <section className="card">
      <h2>Messages from Rapport</h2>
      <p className="muted">
        Rapport can mail you before your 1:1s and about your follow-ups. Times are in your zone ({zone}). Every message
        has an unsubscribe link too.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <SubmissionKey />
        <input type="hidden" name="intent" value="messages" />
        <ChoiceField
          legend="Mail me"
          type="checkbox"
          meta={fields.kinds}
          options={MESSAGE_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
        />
        <Field label="Remind me of a 1:1 with my manager" meta={fields.reportLeadMinutes} as="select">
          {leadOptions}
        </Field>
        <Field label="Remind me of a 1:1 with someone I manage" meta={fields.managerLeadMinutes} as="select">
          {leadOptions}
        </Field>
        <Field label="Weekly digest on" meta={fields.digestWeekday} as="select">
          {WEEKDAYS.map((day, i) => (
            <option key={day} value={i + 1}>
              {day}
            </option>
          ))}
        </Field>
        <Field label="at" meta={fields.digestHour} as="select">
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {two(hour)}:00
            </option>
          ))}
        </Field>
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save messages"}
          </button>
        </div>
      </Form>
    </section>
  );
}

function ChangePasswordForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const submitting = useIsSubmitting(undefined, "password");
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    constraint: getZodConstraint(ChangePasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card">
      <h2>Change your password</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="password" />
        <Field label="Current password" meta={fields.currentPassword} type="password" autoComplete="current-password" />
        <Field
          label="New password"
          hint="(at least 12 characters, not a common one)"
          meta={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <Field label="The same again" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Change password"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
