import { describe, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { DEMO, signIn, useBrowser } from "../browser";
import { JOURNEY_TIMEOUT, SUITE, follow } from "./journeys";

// A 1:1 from agenda to pulse, and HR's trends.
const browser = useBrowser();

describe(SUITE, JOURNEY_TIMEOUT, () => {
  test("a 1:1 run through: agenda, a discussed item, finished, the pulse and its states", async () => {
    const audit = accessibilityAudit();
    const report = await browser.newPage();
    await signIn(report, DEMO.report);
    const reportName = (await report.getByTestId("viewer-name").textContent())!;

    const manager = await browser.newPage();
    await signIn(manager, DEMO.manager);
    const row = manager.locator("tbody tr", { hasText: reportName });
    await follow(manager, row.getByRole("link", { name: /^next / }));
    await audit.check(manager, "manager agenda of the next 1:1");
    // A ticked item stays on the agenda, shown as done (a topic too, since issue 12).
    // Not yet discussed: other files on this server may have ticked the first one of this 1:1.
    const title = (await manager
      .locator("ol.agenda > li[data-discussed=false]")
      .first()
      .locator(".agenda-title")
      .textContent())!;
    const item = manager.locator("ol.agenda > li", { has: manager.locator(".agenda-title", { hasText: title }) });
    await Promise.all([
      manager.waitForResponse((r) => r.request().method() === "POST"),
      item.getByRole("button", { name: "Mark discussed" }).click(),
    ]);
    await item.and(manager.locator("li.done")).getByRole("button", { name: "Discussed ✓" }).waitFor();
    await audit.check(manager, "manager agenda with a discussed item");
    await Promise.all([
      manager.waitForURL(/finished=/),
      manager.getByRole("button", { name: "Finish meeting" }).click(),
    ]);
    await manager.getByRole("status").filter({ hasText: "This 1:1 is finished." }).waitFor();
    await audit.check(manager, "manager 1:1 just finished");
    const held = new URL(manager.url()).pathname;

    await report.goto(held);
    await audit.check(report, "report held 1:1");
    await report.goto("/me");
    await follow(report, report.getByRole("link", { name: "Answer the four-question pulse" }));
    await audit.check(report, "report pulse form");
    await report.getByRole("button", { name: "Send" }).click();
    await report.locator(".field-error").first().waitFor();
    await audit.check(report, "report pulse with field errors");
    for (const [question, value] of [
      ["understand", "4"],
      ["moving", "3"],
      ["overloaded", "2"],
      ["recommend", "8"],
    ] as const) {
      await report
        .getByRole("group", { name: new RegExp(question) })
        .getByLabel(value, { exact: true })
        .check();
    }
    await Promise.all([report.waitForURL("**/me?pulse=thanks"), report.getByRole("button", { name: "Send" }).click()]);
    await audit.check(report, "report home after the pulse");
    await report.goto(`${held}/pulse`);
    await audit.check(report, "report pulse already answered");
    audit.expectClean();
  });

  test("HR: engagement trends, another measure, and one team", async () => {
    const audit = accessibilityAudit();
    const page = await browser.newPage();
    await signIn(page, DEMO.hr);
    await audit.check(page, "HR trends");
    await page.getByLabel("Trend of").selectOption("enps");
    await Promise.all([page.waitForURL(/question=enps/), page.getByRole("button", { name: "Show" }).click()]);
    await audit.check(page, "HR trends, eNPS");
    const teamLink = page
      .getByRole("table", { name: /Pulse answers by team/ })
      .getByRole("link")
      .first();
    await Promise.all([page.waitForURL(/team=/), teamLink.click()]);
    await audit.check(page, "HR trends, one team");
    audit.expectClean();
  });
});
