import { describe, expect, test } from "vitest";
import { planMeetingTimes, rhythmOnClock, type Rhythm } from "./cadence";
import {
  addZonedDays,
  canonicalTimeZone,
  dateFormatters,
  instantAt,
  offsetMinutes,
  parseWallTime,
  timeZoneChoices,
  wallTimeValue,
} from "./time-zones";

const iso = (ds: Date[]) => ds.map((d) => d.toISOString().slice(0, 16));

describe("which names are zones", () => {
  test.each([
    ["Europe/Berlin", "Europe/Berlin"],
    ["europe/berlin", "Europe/Berlin"],
    ["UTC", "UTC"],
    ["America/New_York", "America/New_York"],
  ])("%s is %s", (name, canonical) => expect(canonicalTimeZone(name)).toBe(canonical));

  test.each(["Mars/Olympus_Mons", "", "x".repeat(65), "Europe/Berlin; drop table people", 42, null])(
    "%s is no zone",
    (name) => expect(canonicalTimeZone(name)).toBeNull(),
  );

  test("the choices start with UTC, group by region and always hold the saved zone", () => {
    const choices = timeZoneChoices("Asia/Kolkata");
    expect(choices[0]!.zones).toEqual([{ value: "UTC", label: "UTC (Coordinated Universal Time)" }]);
    const all = choices.flatMap((g) => g.zones.map((z) => z.value));
    expect(all).toContain("Europe/Berlin");
    expect(all).toContain("Asia/Kolkata");
    expect(new Set(all).size).toBe(all.length);
    expect(choices.find((g) => g.region === "America")!.zones).toContainEqual({
      value: "America/Argentina/Rio_Gallegos",
      label: "Argentina / Rio Gallegos",
    });
  });
});

describe("wall clocks", () => {
  test.each([
    ["Europe/Berlin", "2026-01-15T12:00:00Z", 60],
    ["Europe/Berlin", "2026-07-15T12:00:00Z", 120],
    ["America/New_York", "2026-07-15T12:00:00Z", -240],
    ["Asia/Kolkata", "2026-07-15T12:00:00Z", 330],
    ["Australia/Adelaide", "2026-01-15T12:00:00Z", 630],
  ])("%s at %s is %i minutes ahead of UTC", (zone, at, minutes) =>
    expect(offsetMinutes(new Date(at), zone)).toBe(minutes),
  );

  test.each([
    ["an ordinary morning", "Europe/Berlin", "2026-03-03T09:30", "2026-03-03T08:30"],
    ["a time skipped in spring moves on by the gap", "Europe/Berlin", "2026-03-29T02:30", "2026-03-29T01:30"],
    ["a time shown twice in autumn is the first", "Europe/Berlin", "2026-10-25T02:30", "2026-10-25T00:30"],
    ["New York's skipped hour", "America/New_York", "2026-03-08T02:30", "2026-03-08T07:30"],
    ["half an hour off", "Asia/Kolkata", "2026-03-03T09:30", "2026-03-03T04:00"],
  ])("%s", (_label, zone, wall, utc) => {
    expect(parseWallTime(wall, zone)!.toISOString().slice(0, 16)).toBe(utc);
  });

  test("a datetime-local value round-trips through the zone", () => {
    const at = new Date("2026-07-01T07:30:00Z");
    expect(wallTimeValue(at, "Europe/Berlin")).toBe("2026-07-01T09:30");
    expect(parseWallTime(wallTimeValue(at, "America/New_York"), "America/New_York")).toEqual(at);
    expect(parseWallTime("2026-07-01 09:30", "UTC")).toBeNull();
  });

  test("adding days keeps the wall-clock time across a clock change", () => {
    const tuesday = new Date("2026-03-24T08:30:00Z"); // 09:30 CET
    expect(addZonedDays(tuesday, 14, "Europe/Berlin").toISOString()).toBe("2026-04-07T07:30:00.000Z");
    expect(instantAt({ year: 2026, month: 4, day: 7, hour: 9, minute: 30 }, "Europe/Berlin")).toEqual(
      new Date("2026-04-07T07:30:00Z"),
    );
  });
});

describe("formatting in the reader's zone", () => {
  test.each([
    ["Europe/Berlin", "2026-03-03T08:30:00Z", "Tue 3 Mar, 09:30 CET"],
    ["Europe/Berlin", "2026-07-07T07:30:00Z", "Tue 7 Jul, 09:30 CEST"],
    ["America/New_York", "2026-03-03T14:30:00Z", "Tue 3 Mar, 09:30 EST"],
    ["America/New_York", "2026-07-07T13:30:00Z", "Tue 7 Jul, 09:30 EDT"],
    ["Asia/Kolkata", "2026-03-03T04:00:00Z", "Tue 3 Mar, 09:30 GMT+5:30"],
    ["UTC", "2026-03-03T09:30:00Z", "Tue 3 Mar, 09:30 UTC"],
  ])("%s shows %s as %s", (zone, at, shown) => {
    expect(dateFormatters(zone).dateTime(at)).toBe(shown);
    expect(dateFormatters(zone).dateTime(new Date(at))).toBe(shown);
  });

  test("a time of day carries the zone", () => {
    expect(dateFormatters("Europe/Berlin").time("2026-03-03T08:30:00Z")).toBe("09:30 CET");
  });

  test("an instant's date is the reader's date; a calendar date is the same date for everyone", () => {
    const newYork = dateFormatters("America/New_York");
    expect(newYork.date("2026-03-03T02:00:00Z")).toBe("2 Mar 2026");
    expect(dateFormatters("UTC").date("2026-03-03T02:00:00Z")).toBe("3 Mar 2026");
    expect(newYork.date("2026-03-03")).toBe("3 Mar 2026");
    expect(dateFormatters("Pacific/Kiritimati").date("2026-03-03")).toBe("3 Mar 2026");
  });

  test("nothing reads as a dash; an unknown zone reads as UTC", () => {
    expect(dateFormatters("Europe/Berlin").dateTime(null)).toBe("—");
    expect(dateFormatters("Europe/Berlin").date(undefined)).toBe("—");
    expect(dateFormatters("Nowhere/Land").dateTime("2026-03-03T09:30:00Z")).toBe("Tue 3 Mar, 09:30 UTC");
  });
});

describe("a rhythm is kept on its zone's clock", () => {
  const weekly = (zone: string, weekday: number): Rhythm => ({
    cadence: "weekly",
    intervalDays: 7,
    weekday,
    startTime: "09:30",
    timeZone: zone,
  });

  test("Berlin, Tuesdays 09:30, across the last Sunday of March: 08:30 UTC, then 07:30 UTC", () => {
    expect(iso(planMeetingTimes(weekly("Europe/Berlin", 2), new Date("2026-03-16T12:00:00Z"), 3))).toEqual([
      "2026-03-17T08:30",
      "2026-03-24T08:30",
      "2026-03-31T07:30",
    ]);
  });

  test("Berlin, Tuesdays 09:30, across the last Sunday of October: 07:30 UTC, then 08:30 UTC", () => {
    expect(iso(planMeetingTimes(weekly("Europe/Berlin", 2), new Date("2026-10-19T12:00:00Z"), 2))).toEqual([
      "2026-10-20T07:30",
      "2026-10-27T08:30",
    ]);
  });

  test("New York, Mondays 09:30, across both changes", () => {
    expect(iso(planMeetingTimes(weekly("America/New_York", 1), new Date("2026-03-01T12:00:00Z"), 2))).toEqual([
      "2026-03-02T14:30",
      "2026-03-09T13:30",
    ]);
    expect(iso(planMeetingTimes(weekly("America/New_York", 1), new Date("2026-10-25T12:00:00Z"), 2))).toEqual([
      "2026-10-26T13:30",
      "2026-11-02T14:30",
    ]);
  });

  test("Adelaide, half an hour off UTC, Thursdays 09:30 as summer time ends (the day begins before UTC's)", () => {
    // 12:00 UTC on 1 April is 22:30 on Wednesday in Adelaide: the next Thursday is the 2nd, local.
    expect(iso(planMeetingTimes(weekly("Australia/Adelaide", 4), new Date("2026-04-01T12:00:00Z"), 2))).toEqual([
      "2026-04-01T23:00",
      "2026-04-09T00:00",
    ]);
  });

  test("the weekday is the zone's: Monday 22:00 in New York is already Tuesday in UTC", () => {
    const after = new Date("2026-03-03T03:00:00Z"); // Mon 2 Mar, 22:00 EST
    expect(iso(planMeetingTimes(weekly("America/New_York", 2), after, 1))).toEqual(["2026-03-03T14:30"]);
  });

  test("monthly and every N days keep 09:30 local too", () => {
    const base = { weekday: 2, startTime: "09:30", timeZone: "Europe/Berlin" };
    expect(
      iso(planMeetingTimes({ ...base, cadence: "monthly", intervalDays: 30 }, new Date("2026-02-16T12:00:00Z"), 3)),
    ).toEqual(["2026-02-17T08:30", "2026-03-17T08:30", "2026-04-21T07:30"]);
    expect(
      iso(planMeetingTimes({ ...base, cadence: "days", intervalDays: 10 }, new Date("2026-03-23T12:00:00Z"), 2)),
    ).toEqual(["2026-03-24T08:30", "2026-04-03T07:30"]);
  });
});

describe("a rhythm read on another clock", () => {
  test("a rhythm kept in UTC shows as the manager's local weekday and time", () => {
    const utc: Rhythm = { cadence: "weekly", intervalDays: 7, weekday: 2, startTime: "23:30:00" };
    expect(rhythmOnClock(utc, "Europe/Berlin", new Date("2026-01-05T12:00:00Z"))).toEqual({
      weekday: 3,
      startTime: "00:30",
    });
    expect(rhythmOnClock(utc, "UTC", new Date("2026-01-05T12:00:00Z"))).toEqual({ weekday: 2, startTime: "23:30" });
  });
});
