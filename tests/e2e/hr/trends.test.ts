import fs from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

describe("HR engagement trends", () => {
  test("HR sees charts and tables with suppressed cells marked, and downloads the same as CSV", async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.hr);
    expect(new URL(page.url()).pathname).toBe("/trends");
    await expectHeading(page, /Engagement trends/);

    // Both charts are server-rendered SVG with an accessible name, each with its table.
    const charts = page.getByRole("img");
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator("svg.line-chart path.series").getAttribute("d")).toMatch(/^M/);
    expect(await page.locator("svg.heat-map rect").count()).toBeGreaterThan(5);
    expect(await page.getByRole("table").count()).toBeGreaterThanOrEqual(4);
    // The demo's Leadership team is one person: folded into the organisation, marked, never a number.
    const marks = page.locator(".suppressed");
    expect(await marks.count()).toBeGreaterThan(0);
    expect(
      await page
        .getByRole("row", { name: /Leadership/ })
        .first()
        .textContent(),
    ).toContain("suppressed: team of fewer than 5 people");

    // Without JavaScript the charts are already in the HTML.
    const html = await (await page.request.get("/trends")).text();
    expect(html).toContain('<svg class="chart line-chart"');

    // A filter is a GET form: choosing a team and question changes the address and the page.
    await page.getByLabel("Trend of").selectOption("enps");
    await Promise.all([page.waitForURL(/question=enps/), page.getByRole("button", { name: "Show" }).click()]);
    await page.getByRole("heading", { level: 2, name: /eNPS/ }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    // The form's current fields, sent to the CSV route; the file names the team and the range.
    expect(download.suggestedFilename()).toMatch(
      /^engagement-trends-whole-organisation-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/,
    );
    const csv = await fs.readFile((await download.path())!, "utf8");
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toBe("section,team,month,measure,value,people,change_from_previous_month");
    expect(lines.some((l) => l.startsWith("trend,Whole organisation,") && l.includes("eNPS"))).toBe(true);
    expect(csv).toContain("suppressed: team of fewer than 5 people, counted in its parent");
    // No person in it: the demo's people are not named anywhere.
    expect(csv).not.toMatch(/@demo\.rapport/);
    expect(csv).not.toContain("Sam Okafor");

    // Opening a team shows it and its children, with the way back.
    const teamLink = page
      .getByRole("table", { name: /Pulse answers by team/ })
      .getByRole("link")
      .first();
    const teamName = (await teamLink.textContent())!;
    await Promise.all([page.waitForURL(/team=/), teamLink.click()]);
    await page.getByRole("navigation", { name: "Team path" }).getByText(teamName).waitFor();
    expect(
      await page
        .getByRole("navigation", { name: "Team path" })
        .getByRole("link", { name: "Whole organisation" })
        .count(),
    ).toBe(1);
  });

  test.each([
    ["a manager", DEMO.manager],
    ["a report", DEMO.report],
  ])("%s is refused the HR page and its export", async (_who, email) => {
    const page = await browser.newPage();
    await signIn(page, email);
    const response = await page.goto("/trends");
    expect(response?.status()).toBe(403);
    await expectHeading(page, "Not yours to see");
    const csv = await page.request.get("/trends.csv");
    expect(csv.status()).toBe(403);
  });

  test("a manager sees their own line in aggregate", async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.manager);
    const response = await page.goto("/my-team/trends");
    expect(response?.status()).toBe(200);
    await expectHeading(page, /My team.s trends/);
    expect(await page.locator("svg.line-chart").count()).toBe(1);
    expect(await page.content()).not.toContain("Sam Okafor");
  });
});
