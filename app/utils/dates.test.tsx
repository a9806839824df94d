import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { DatesProvider, useDates } from "./dates";
import { formatDate, formatDateTime } from "./format";

function NextOneOnOne({ at, due }: { at: string; due: string }) {
  const dates = useDates();
  return (
    <p>
      {dates.dateTime(at)} · due {dates.date(due)}
    </p>
  );
}

describe("pages format in the zone the root names", () => {
  const props = { at: "2026-03-03T08:30:00.000Z", due: "2026-03-03" };

  test("inside the provider, times read on the reader's clock with its abbreviation", () => {
    const html = (zone: string) =>
      renderToStaticMarkup(
        <DatesProvider timeZone={zone}>
          <NextOneOnOne {...props} />
        </DatesProvider>,
      );
    expect(html("Europe/Berlin")).toBe("<p>Tue 3 Mar, 09:30 CET · due 3 Mar 2026</p>");
    expect(html("America/New_York")).toBe("<p>Tue 3 Mar, 03:30 EST · due 3 Mar 2026</p>");
  });

  test("without one (no reader), and in the old helpers, times stay in UTC", () => {
    expect(renderToStaticMarkup(<NextOneOnOne {...props} />)).toBe("<p>Tue 3 Mar, 08:30 UTC · due 3 Mar 2026</p>");
    expect(formatDateTime(props.at)).toBe("Tue 3 Mar, 08:30 UTC");
    expect(formatDateTime(props.at, "Asia/Kolkata")).toBe("Tue 3 Mar, 14:00 GMT+5:30");
    expect(formatDate("2026-03-03T23:30:00Z", "Asia/Tokyo")).toBe("4 Mar 2026");
  });
});
