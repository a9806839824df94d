import fs from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/**
 * Reading HR's trends as they mean (issue 12, finding 9 and 13's last
 * sentence), on the demo organisation. Its months move with today's date, so
 * the journey finds its nested team (one with hidden months among shown ones)
 * from what the server publishes rather than naming months.
 */

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** The trend lines of a CSV: section "trend", one per month. */
const trendLines = (csv: string) =>
  csv
    .trim()
    .split(/\r\n/)
    .filter((l) => l.startsWith("trend,"));

async function options(page: Page, label: string) {
  return page
    .getByLabel(label, { exact: true })
    .locator("option")
    .evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? "" })));
}

describe("reading HR's trends", () => {
  test("HR picks a nested team and a range: hidden months are gaps with a legend, rising overload reads as worse, and Download CSV sends what is chosen", async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.hr);
    await expectHeading(page, /Engagement trends/);

    // The whole tree from the start: nested teams are offered before any team is shown.
    const teams = await options(page, "Team");
    const nested = teams.filter((t) => t.text.includes(" › "));
    expect(nested.length).toBeGreaterThan(1);
    // Months from the first with data (the demo has seven), not two years of empty months.
    const months = (await options(page, "From")).map((o) => o.value);
    expect(months.length).toBeGreaterThan(2);
    expect(months.length).toBeLessThan(12);
    expect((await options(page, "To")).map((o) => o.value)).toEqual(months);
    const [first, last] = [months[0]!, months[months.length - 1]!];

    // A nested team with hidden months among shown ones, for the chosen question over the whole range.
    let chosen: { value: string; text: string } | undefined;
    for (const t of nested) {
      const csv = await (
        await page.request.get(`/trends.csv?team=${t.value}&from=${first}&to=${last}&question=overloaded`)
      ).text();
      const lines = trendLines(csv);
      // section,team,month,measure,value,...: a value is a number, or a mark.
      if (lines.some((l) => l.includes("suppressed: ")) && lines.some((l) => /^\d/.test(l.split(",")[4] ?? ""))) {
        chosen = t;
        break;
      }
    }
    expect(chosen, "a nested demo team with hidden and shown months").toBeDefined();
    const teamName = chosen!.text.split(" › ").pop()!;

    // Through the form, as HR would.
    await page.getByLabel("Team", { exact: true }).selectOption(chosen!.value);
    await page.getByLabel("From", { exact: true }).selectOption(first);
    await page.getByLabel("To", { exact: true }).selectOption(last);
    await page.getByLabel("Trend of").selectOption("overloaded");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("team") === chosen!.value),
      page.getByRole("button", { name: "Show" }).click(),
    ]);
    await page.getByRole("heading", { level: 2, name: new RegExp(`I am overloaded · ${teamName}`) }).waitFor();

    // Hidden months are gaps: a hatched band over the whole height per hidden month, never a mark at a value.
    const seriesTable = page.getByRole("table", { name: /by month/ });
    const hiddenInTable = await seriesTable.locator(".suppressed").count();
    expect(hiddenInTable).toBeGreaterThan(0);
    const bands = page.locator("svg.line-chart rect.hidden-month");
    expect(await bands.count()).toBe(hiddenInTable);
    expect(Number(await bands.first().getAttribute("height"))).toBeGreaterThan(150);
    expect(await page.locator("svg.line-chart .suppressed-mark").count()).toBe(0);
    const legend = page.getByRole("list", { name: "Legend" });
    expect(await legend.textContent()).toContain("Hidden month: fewer than 5 people");
    expect(await legend.textContent()).toContain("I am overloaded");
    expect(await page.locator("svg.line-chart desc").textContent()).toMatch(/hidden, .* drawn as gaps/);

    // Overload rising is bad news, said in words and colour; falling is better.
    await page.getByLabel("Team", { exact: true }).selectOption("all");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("team") === "all"),
      page.getByRole("button", { name: "Show" }).click(),
    ]);
    await page.getByRole("heading", { level: 2, name: /I am overloaded · Whole organisation/ }).waitFor();
    const changes = await page
      .getByRole("table", { name: /by month/ })
      .locator(".change[data-change]")
      .evaluateAll((els) =>
        els.map((e) => ({
          text: e.textContent ?? "",
          meaning: e.getAttribute("data-change"),
          colour: getComputedStyle(e).color,
        })),
      );
    const rising = changes.filter((c) => c.text.trim().startsWith("+"));
    expect(rising.length, "the demo's crunch: overload rises in some month").toBeGreaterThan(0);
    for (const c of rising) {
      expect(c.meaning).toBe("worse");
      expect(c.text).toMatch(/^\s*\+[\d.]+ worse$/);
      expect(c.colour).toBe("rgb(162, 42, 42)");
    }
    for (const c of changes.filter((c) => c.text.trim().startsWith("−"))) expect(c.text).toMatch(/better$/);

    // Change a filter and download without showing first: the file holds what the form says now.
    const from = months[1]!;
    await page.getByLabel("Team", { exact: true }).selectOption(chosen!.value);
    await page.getByLabel("From", { exact: true }).selectOption(from);
    const shownUrl = page.url();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`engagement-trends-${slug(teamName)}-${from}-to-${last}.csv`);
    const csv = await fs.readFile((await download.path())!, "utf8");
    const lines = trendLines(csv);
    expect(lines.length).toBe(months.length - 1);
    expect(lines.every((l) => l.startsWith(`trend,${teamName},`) && l.includes(",I am overloaded,"))).toBe(true);
    expect(lines[0]).toContain(`,${from},`);
    // Hidden stays hidden in the file: the mark, no people count, no change.
    for (const l of lines.filter((l) => l.includes("suppressed:"))) expect(l).toMatch(/,"?suppressed: [^"]+"?,,$/);
    // The page itself has not moved.
    expect(page.url()).toBe(shownUrl);
  });

  test("From later than To is refused at the field, the choice kept", async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.hr);
    const months = (await options(page, "From")).map((o) => o.value);
    const [first, last] = [months[0]!, months[months.length - 1]!];
    await page.getByLabel("From", { exact: true }).selectOption(last);
    await page.getByLabel("To", { exact: true }).selectOption(first);
    await Promise.all([page.waitForURL(/from=/), page.getByRole("button", { name: "Show" }).click()]);
    const to = page.getByLabel("To", { exact: true });
    expect(await to.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await to.getAttribute("aria-describedby")}`).textContent()).toMatch(
      /“From” \(\w{3} \d{4}\) is later than “To” \(\w{3} \d{4}\)/,
    );
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe(last);
    expect(await to.inputValue()).toBe(first);
    await page.getByText("No trends shown").waitFor();
    expect(await page.locator("svg.line-chart").count()).toBe(0);
    // Download CSV with the same choice comes back to the same page and message, not a file.
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/trends.csv" && r.status() === 302),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    await page.waitForLoadState("load");
    expect(new URL(page.url()).pathname).toBe("/trends");
    expect(await page.getByLabel("To", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  });
});
