import ical from "ical-generator";

interface CalendarMeeting {
  id: string;
  scheduledAt: Date;
  lengthMinutes: number;
}

/**
 * An iCalendar file of 1:1s that calendar apps import. Each event carries
 * the link to its prepared agenda; its UID is the meeting's id, so importing
 * again updates rather than duplicates. Only the pair's names go in, never
 * agenda content.
 */
export function meetingsCalendar(input: { title: string; meetings: CalendarMeeting[]; baseUrl: string }): string {
  const calendar = ical({ name: input.title, prodId: { company: "Rapport", product: "1:1s" } });
  for (const m of input.meetings) {
    const url = `${input.baseUrl}/meetings/${m.id}`;
    calendar.createEvent({
      id: `${m.id}@rapport`,
      start: m.scheduledAt,
      end: new Date(m.scheduledAt.getTime() + m.lengthMinutes * 60_000),
      summary: input.title,
      description: `Prepared agenda: ${url}`,
      url,
    });
  }
  return calendar.toString();
}

export function calendarResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
