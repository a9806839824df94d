import { describe, expect, test } from "vitest";
import { planMeetingTimes } from "~/domain/cadence";
import { feedCalendar, meetingsCalendar, type FeedMeeting } from "./calendar.server";

/** The file's properties, unfolded (RFC 5545 §3.1), as [name, parameters, value]. */
function parse(ics: string) {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      const [name, ...params] = line.slice(0, colon).split(";");
      return {
        name: name!,
        params: Object.fromEntries(params.map((p) => p.split("=") as [string, string])),
        value: line.slice(colon + 1),
      };
    });
}

/** Tuesdays 09:30 in Berlin from March into April: winter time, then summer time. */
const tuesdays = planMeetingTimes(
  { cadence: "weekly", intervalDays: 7, weekday: 2, startTime: "09:30", timeZone: "Europe/Berlin" },
  new Date("2026-03-16T12:00:00Z"),
  3,
);
const meetings = tuesdays.map((scheduledAt, i) => ({ id: `m${i}`, scheduledAt, lengthMinutes: 30 }));
const now = new Date("2026-03-16T12:34:56Z");

describe("calendar files carry the zone", () => {
  const props = parse(
    meetingsCalendar({ title: "1:1 Mo / Ana", meetings, baseUrl: "https://r.example", timeZone: "Europe/Berlin", now }),
  );

  test("each start and end names its zone and reads 09:30 on its clock, winter and summer alike", () => {
    const starts = props.filter((p) => p.name === "DTSTART" && p.params.TZID);
    expect(starts.map((p) => [p.params.TZID, p.value])).toEqual([
      ["Europe/Berlin", "20260317T093000"],
      ["Europe/Berlin", "20260324T093000"],
      ["Europe/Berlin", "20260331T093000"],
    ]);
    const ends = props.filter((p) => p.name === "DTEND");
    expect(ends.map((p) => [p.params.TZID, p.value.slice(9)])).toEqual([
      ["Europe/Berlin", "100000"],
      ["Europe/Berlin", "100000"],
      ["Europe/Berlin", "100000"],
    ]);
  });

  test("the file defines the zone in a VTIMEZONE block with both its summer and winter rules", () => {
    const names = props.map((p) => `${p.name}:${p.value}`);
    const begin = names.indexOf("BEGIN:VTIMEZONE");
    const end = names.indexOf("END:VTIMEZONE");
    expect(begin).toBeGreaterThan(-1);
    expect(begin).toBeLessThan(names.indexOf("BEGIN:VEVENT"));
    const block = names.slice(begin, end);
    expect(block).toContain("TZID:Europe/Berlin");
    expect(block).toContain("BEGIN:DAYLIGHT");
    expect(block).toContain("BEGIN:STANDARD");
    expect(block).toContain("TZOFFSETTO:+0200");
    expect(block).toContain("TZOFFSETTO:+0100");
  });

  test("the stamp stays in UTC", () => {
    expect(props.filter((p) => p.name === "DTSTAMP").map((p) => p.value)).toEqual(Array(3).fill("20260316T123456Z"));
  });

  test("a zone the VTIMEZONE package spells anew is named as the package spells it", () => {
    const kolkata = parse(
      meetingsCalendar({
        title: "t",
        meetings: meetings.slice(0, 1),
        baseUrl: "https://r.example",
        timeZone: "Asia/Calcutta",
      }),
    );
    const tzid = kolkata.find((p) => p.name === "TZID")!.value;
    expect(kolkata.find((p) => p.name === "DTSTART" && p.params.TZID)?.params.TZID).toBe(tzid);
    // 08:30 UTC is 14:00 in India.
    expect(kolkata.find((p) => p.name === "DTSTART" && p.params.TZID)?.value).toBe("20260317T140000");
  });

  test("in UTC the times are written as UTC, with no zone block", () => {
    const utc = parse(meetingsCalendar({ title: "t", meetings, baseUrl: "https://r.example", timeZone: "UTC" }));
    expect(utc.some((p) => p.name === "BEGIN" && p.value === "VTIMEZONE")).toBe(false);
    expect(utc.filter((p) => p.name === "DTSTART").map((p) => p.value)).toEqual([
      "20260317T083000Z",
      "20260324T083000Z",
      "20260331T073000Z",
    ]);
  });
});

describe("the subscribed feed", () => {
  const updatedAt = new Date("2026-03-10T07:08:09Z");
  const feedMeetings: FeedMeeting[] = meetings.map((m, i) => ({
    ...m,
    seriesId: "s1",
    status: i === 1 ? "cancelled" : "planned",
    sequence: i,
    updatedAt,
    managerName: "Maya",
    reportName: "Sam",
  }));
  const events = (ics: string) => ics.split("BEGIN:VEVENT").slice(1).map(parse);
  const value = (props: ReturnType<typeof parse>, name: string) => props.find((p) => p.name === name)?.value;

  test("each event names the pair only, carries SEQUENCE and status, and is stamped with its last change in UTC", () => {
    const ics = feedCalendar({ meetings: feedMeetings, baseUrl: "https://r.example", timeZone: "Europe/Berlin" });
    const [first, cancelled, third] = events(ics);
    expect(value(first!, "SUMMARY")).toBe("1:1: Maya / Sam");
    expect(value(cancelled!, "SUMMARY")).toBe("Cancelled: 1:1: Maya / Sam");
    expect([first, cancelled, third].map((e) => value(e!, "SEQUENCE"))).toEqual(["0", "1", "2"]);
    expect([first, cancelled, third].map((e) => value(e!, "STATUS"))).toEqual(["CONFIRMED", "CANCELLED", "CONFIRMED"]);
    expect([first, cancelled, third].map((e) => value(e!, "DTSTAMP"))).toEqual(Array(3).fill("20260310T070809Z"));
    expect(value(first!, "LAST-MODIFIED")).toBe("20260310T070809Z");
    // An alarm on those still on, none on the cancelled one.
    expect(first!.filter((p) => p.name === "BEGIN" && p.value === "VALARM")).toHaveLength(1);
    expect(cancelled!.some((p) => p.name === "BEGIN" && p.value === "VALARM")).toBe(false);
    expect(value(first!, "DESCRIPTION")).toContain("https://r.example/one-on-ones/s1");
  });

  test("the same 1:1s make the same bytes, whenever asked", () => {
    const once = feedCalendar({ meetings: feedMeetings, baseUrl: "https://r.example", timeZone: "Europe/Berlin" });
    const again = feedCalendar({ meetings: feedMeetings, baseUrl: "https://r.example", timeZone: "Europe/Berlin" });
    expect(again).toBe(once);
  });

  test("a reader on UTC gets UTC instants and no zone block", () => {
    const ics = feedCalendar({ meetings: feedMeetings, baseUrl: "https://r.example", timeZone: "UTC" });
    expect(ics).not.toContain("BEGIN:VTIMEZONE");
    expect(events(ics).map((e) => value(e, "DTSTART"))).toEqual([
      "20260317T083000Z",
      "20260324T083000Z",
      "20260331T073000Z",
    ]);
  });
});
