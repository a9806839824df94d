import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

test("the report's goal reaches the manager; the manager's risk never reaches the report", async () => {
  const stamp = Date.now().toString(36);
  const goal = `Speak at the platform guild ${stamp}`;
  const risk = `Quietly interviewing elsewhere ${stamp}`;
  const change = `Delegate the release checklist ${stamp}`;

  // The report adds a goal in their own words and moves it forward.
  const report = await browser.newPage();
  await signIn(report, DEMO.report);
  const reportName = (await report.getByTestId("viewer-name").textContent())!;
  await report.getByRole("link", { name: "Add a goal" }).click();
  await report.getByLabel("Goal", { exact: true }).fill(goal);
  await report.getByLabel(/Why it matters to you/).fill("I want people outside my team to know my work.");
  await Promise.all([report.waitForURL("**/me"), report.getByRole("button", { name: "Add goal" }).click()]);
  const card = report.locator("article.goal", { hasText: goal });
  await card.getByRole("spinbutton", { name: /Progress/ }).fill("40");
  await card.getByLabel("Note").fill("Outline accepted");
  await card.getByRole("button", { name: "Update" }).click();
  // Shown at once (optimistic), then kept after the server answers and on reload.
  await card.getByTestId("goal-progress").filter({ hasText: "40%" }).waitFor();
  await report.waitForLoadState("networkidle");
  await report.reload();
  await expect(
    report.locator("article.goal", { hasText: goal }).getByTestId("goal-progress").textContent(),
  ).resolves.toBe("40%");

  // The manager sees it on the account page, then records a risk and proposes a commitment.
  const manager = await browser.newPage();
  await signIn(manager, DEMO.manager);
  await manager.locator("tbody th a", { hasText: reportName }).click();
  await expectHeading(manager, reportName);
  const accountUrl = manager.url();
  await expect(manager.getByRole("row", { name: new RegExp(goal) }).textContent()).resolves.toContain("40%");

  await manager.getByRole("link", { name: "Record a risk" }).click();
  await manager.getByLabel("Kind").selectOption("flight");
  await manager.getByLabel("What could happen").fill(risk);
  await manager.getByRole("group", { name: "Likelihood" }).getByLabel("Medium").check();
  await manager.getByRole("group", { name: "Impact" }).getByLabel("High").check();
  await Promise.all([manager.waitForURL(/#risks$/), manager.getByRole("button", { name: "Record risk" }).click()]);
  await expect(manager.locator("#risks").textContent()).resolves.toContain(risk);
  const riskHref = await manager
    .locator("#risks")
    .getByRole("link", { name: new RegExp(risk) })
    .getAttribute("href");

  await manager.goto(accountUrl);
  await manager.locator("#commitments").getByRole("link", { name: "Propose a change" }).click();
  await manager.getByLabel(/The change/).fill(change);
  await manager.getByLabel(/pain of doing nothing/).fill("Every release waits on me.");
  await manager.getByLabel(/First step/).fill("Pair on the next release");
  await Promise.all([
    manager.waitForURL((u) => !u.pathname.endsWith("/new")),
    manager.getByRole("button", { name: "Propose this change" }).click(),
  ]);
  await manager.goto(accountUrl);
  await expect(manager.locator("#commitments").textContent()).resolves.toContain(change);

  // Back as the report: the goal and the commitment are there; no trace of the risk anywhere.
  await report.goto("/me");
  const home = (await report.content()) ?? "";
  expect(home).toContain(goal);
  expect(home).toContain(change);
  expect(home).not.toContain(risk);
  expect(home).not.toContain("interviewing");
  expect((await report.goto(riskHref!))?.status()).toBe(404);
  expect(await report.content()).not.toContain(risk);
  expect((await report.goto(new URL(accountUrl).pathname))?.status()).toBe(404);
});
