import { describe, expect, test } from "vitest";
import { digestDue, followUpMessage, leadTimeWords, meetingWhen, messageKeys, reminderDue } from "./messages";

const at = (iso: string) => new Date(iso);

describe("reminderDue", () => {
  const meeting = at("2026-06-04T07:30:00Z");
  test("a day ahead: due from exactly a day before until the 1:1 starts", () => {
    expect(reminderDue(meeting, 1440, at("2026-06-03T07:29:00Z"))).toBe(false);
    expect(reminderDue(meeting, 1440, at("2026-06-03T07:30:00Z"))).toBe(true);
    expect(reminderDue(meeting, 1440, at("2026-06-04T07:29:59Z"))).toBe(true);
    expect(reminderDue(meeting, 1440, at("2026-06-04T07:30:00Z"))).toBe(false);
  });
  test("a 1:1 moved to 30 minutes from now, with a 1-hour lead time, is due at once", () => {
    const now = at("2026-06-04T10:00:00Z");
    expect(reminderDue(new Date(now.getTime() + 30 * 60_000), 60, now)).toBe(true);
  });
});

describe("followUpMessage", () => {
  test("due from 08:00 on its date in the owner's zone, overdue from 08:00 the day after, then silent", () => {
    // Berlin in summer is UTC+2: 08:00 there is 06:00 UTC.
    const zone = "Europe/Berlin";
    expect(followUpMessage("2026-06-04", zone, at("2026-06-04T05:59:00Z"))).toBeNull();
    expect(followUpMessage("2026-06-04", zone, at("2026-06-04T06:00:00Z"))).toBe("due");
    expect(followUpMessage("2026-06-04", zone, at("2026-06-05T05:59:00Z"))).toBe("due");
    expect(followUpMessage("2026-06-04", zone, at("2026-06-05T06:00:00Z"))).toBe("overdue");
    expect(followUpMessage("2026-06-04", zone, at("2026-06-08T05:59:00Z"))).toBe("overdue");
    expect(followUpMessage("2026-06-04", zone, at("2026-06-08T06:00:00Z"))).toBeNull();
  });
  test("the same date is a different instant for an owner in another zone", () => {
    expect(followUpMessage("2026-06-04", "America/New_York", at("2026-06-04T06:00:00Z"))).toBeNull();
    expect(followUpMessage("2026-06-04", "America/New_York", at("2026-06-04T12:00:00Z"))).toBe("due");
  });
  test("across a clock change (Berlin goes to summer time on 29 March 2026) it is still 08:00 local", () => {
    expect(followUpMessage("2026-03-29", "Europe/Berlin", at("2026-03-29T05:59:00Z"))).toBeNull();
    expect(followUpMessage("2026-03-29", "Europe/Berlin", at("2026-03-29T06:00:00Z"))).toBe("due");
    // The day before the change, 08:00 was 07:00 UTC.
    expect(followUpMessage("2026-03-28", "Europe/Berlin", at("2026-03-28T06:59:00Z"))).toBeNull();
    expect(followUpMessage("2026-03-28", "Europe/Berlin", at("2026-03-28T07:00:00Z"))).toBe("due");
  });
});

describe("digestDue", () => {
  test("on the chosen weekday from the chosen hour, in the reader's zone, named by the local date", () => {
    // Monday 1 June 2026, 08:00 in Tokyo is Sunday 31 May, 23:00 UTC.
    expect(digestDue(1, 8, "Asia/Tokyo", at("2026-05-31T22:59:00Z"))).toBeNull();
    expect(digestDue(1, 8, "Asia/Tokyo", at("2026-05-31T23:00:00Z"))).toBe("2026-06-01");
    expect(digestDue(1, 8, "Asia/Tokyo", at("2026-06-01T14:59:00Z"))).toBe("2026-06-01");
    // Tuesday in Tokyo: no longer due.
    expect(digestDue(1, 8, "Asia/Tokyo", at("2026-06-01T15:00:00Z"))).toBeNull();
    // The same instant is still Sunday in UTC.
    expect(digestDue(1, 8, "UTC", at("2026-05-31T23:00:00Z"))).toBeNull();
  });
  test("the hour is the wall clock's on both sides of a clock change", () => {
    // Monday 30 March 2026 (summer time in Berlin): 08:00 is 06:00 UTC. Monday 23 March: 07:00 UTC.
    expect(digestDue(1, 8, "Europe/Berlin", at("2026-03-30T05:59:00Z"))).toBeNull();
    expect(digestDue(1, 8, "Europe/Berlin", at("2026-03-30T06:00:00Z"))).toBe("2026-03-30");
    expect(digestDue(1, 8, "Europe/Berlin", at("2026-03-23T06:59:00Z"))).toBeNull();
    expect(digestDue(1, 8, "Europe/Berlin", at("2026-03-23T07:00:00Z"))).toBe("2026-03-23");
  });
});

describe("meetingWhen", () => {
  test("today, tomorrow or the day, in the reader's zone", () => {
    const now = at("2026-06-03T10:00:00Z");
    expect(meetingWhen(at("2026-06-04T07:30:00Z"), now, "Europe/Berlin")).toBe("tomorrow at 09:30 CEST");
    expect(meetingWhen(at("2026-06-03T12:00:00Z"), now, "UTC")).toBe("today at 12:00 UTC");
    expect(meetingWhen(at("2026-06-09T07:30:00Z"), now, "Europe/Berlin")).toBe("on Tue 9 Jun at 09:30 CEST");
    // 23:30 UTC on the 3rd is already the 4th in Tokyo.
    expect(meetingWhen(at("2026-06-03T23:30:00Z"), now, "Asia/Tokyo")).toBe("tomorrow at 08:30 GMT+9");
  });
});

test("dedupe keys name the thing and the time it is for", () => {
  const a = at("2026-06-04T07:30:00Z");
  expect(messageKeys.reportReminder("m1", a)).toBe("reminder:report:m1:2026-06-04T07:30:00.000Z");
  expect(messageKeys.reportReminder("m1", at("2026-06-04T08:00:00Z"))).not.toBe(messageKeys.reportReminder("m1", a));
  expect(messageKeys.followUp("due", "a1", "2026-06-04")).toBe("follow-up:due:a1:2026-06-04");
  expect(messageKeys.digest("p1", "2026-06-01")).toBe("digest:p1:2026-06-01");
  expect(leadTimeWords(1440)).toBe("1 day");
  expect(leadTimeWords(120)).toBe("2 hours");
  expect(leadTimeWords(15)).toBe("15 minutes");
});
