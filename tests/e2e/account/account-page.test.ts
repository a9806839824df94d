import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

test("each side reads words for them: the report's own questions, the manager's account in sentences", async () => {
  const stamp = Date.now().toString(36);
  const goal = `Mentor a new joiner ${stamp}`;

  // The report: "you" on their home page, and their own question for each point, with a labelled scale.
  const report = await browser.newPage();
  await signIn(report, DEMO.report);
  const reportName = (await report.getByTestId("viewer-name").textContent())!;
  const home = (await report.locator("main").textContent())!;
  expect(home).toContain("Your goals, the changes you are working on");
  expect(home).not.toContain(reportName);

  await report.goto("/me/checklist");
  const page = (await report.locator("main").textContent())!;
  expect(page).toContain("1 means not at all, 5 means fully.");
  expect(page).not.toContain("Our people");
  expect(page).not.toContain("Their success");
  const question = report.getByRole("group", { name: /^How much are our 1:1s about you/ });
  await question.getByRole("radio", { name: "1, not at all" }).waitFor();
  await question.getByRole("radio", { name: "5, fully" }).waitFor();
  await question.getByRole("radio", { name: "4", exact: true }).check();
  await Promise.all([report.waitForURL("**/me?rated=1"), report.getByRole("button", { name: "Save ratings" }).click()]);
  await report.getByRole("status").filter({ hasText: "Your answers are saved" }).waitFor();

  // The report adds a goal and moves it to 40%, for the manager's trail.
  await report.goto("/me/goals/new");
  await report.getByLabel("Goal", { exact: true }).fill(goal);
  await Promise.all([report.waitForURL("**/me"), report.getByRole("button", { name: "Add goal" }).click()]);
  const card = report.locator("article.goal", { hasText: goal });
  await card.getByRole("spinbutton", { name: /Progress/ }).fill("40");
  await card.getByRole("button", { name: "Update" }).click();
  await report.waitForLoadState("networkidle");

  // The manager: My people explains its figures on the page; no cell reads "25 days / 7".
  const manager = await browser.newPage();
  await signIn(manager, DEMO.manager);
  await manager.goto("/people");
  const legend = manager.getByTestId("my-people-legend");
  await legend.getByText("What the columns mean").click();
  await legend.getByText(/Needs attention adds up what asks for you/).waitFor({ state: "visible" });
  await legend.getByText(/No 1:1 yet/).waitFor({ state: "visible" });
  expect(await manager.locator("table.health tbody").textContent()).not.toMatch(/\d+ days \/ \d+/);

  // The account page: progress as a bar, the trail in sentences.
  await manager.locator("tbody th a", { hasText: reportName }).click();
  await expectHeading(manager, reportName);
  const accountUrl = manager.url();
  const bar = manager.getByRole("progressbar", { name: `Progress of ${goal}` });
  await expect(bar.getAttribute("value")).resolves.toBe("40");
  const trail = manager.locator("ol.trail");
  await expect(trail.textContent()).resolves.toContain(`${reportName} set the progress of the goal “${goal}” to 40%.`);
  await expect(trail.textContent()).resolves.toContain(`${reportName} rated themself 4 of 5 on “Not about us”.`);
  expect(await trail.textContent()).not.toMatch(/→|\(empty\)/);

  // The manager rates a point on the labelled scale; the page says it is saved and the trail says "You".
  await manager.getByRole("link", { name: "Rate the checklist" }).click();
  await manager.getByText("1 means going badly, 5 means going well.").waitFor();
  const point = manager.getByRole("radiogroup", { name: "Rating for Their goals, not ours" });
  await point.getByRole("radio", { name: "1, going badly" }).waitFor();
  await point.getByRole("radio", { name: "4", exact: true }).check();
  await Promise.all([
    manager.waitForURL(/\?rated=1#checklist$/),
    manager.getByRole("button", { name: "Save ratings" }).click(),
  ]);
  await manager.getByRole("status").filter({ hasText: "Your ratings are saved" }).waitFor();
  await expect(manager.locator("ol.trail").textContent()).resolves.toContain(
    "You rated “Their goals, not ours” 4 of 5.",
  );

  // The 1:1 history puts the next 1:1 first, and the account page leads into it.
  await manager.goto(accountUrl);
  const historyFirst = manager.locator("section[aria-labelledby=history] tbody tr").first();
  await expect(historyFirst.getAttribute("data-testid")).resolves.toBe("next-meeting");
  await Promise.all([
    manager.waitForURL(/\/meetings\/[0-9a-f-]{36}$/),
    manager.getByRole("link", { name: /^Open the next 1:1/ }).click(),
  ]);
  await expectHeading(manager, new RegExp(reportName));
});
