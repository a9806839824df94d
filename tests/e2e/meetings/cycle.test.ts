import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

test("a whole 1:1 cycle: topic, prepared agenda, run, finish, carry-over, pulse once", async () => {
  const stamp = Date.now().toString(36);
  const topic = `Conference talk proposal ${stamp}`;
  const followUp = `Send the talk outline ${stamp}`;

  // The report adds a topic to the next 1:1 from their home page.
  const report = await browser.newPage();
  await signIn(report, DEMO.report);
  const reportName = (await report.getByTestId("viewer-name").textContent())!;
  await report.getByLabel("Add a topic").fill(topic);
  // The form posts on its own fetcher: wait for its answer, not for a page load.
  await Promise.all([
    report.waitForResponse((r) => r.request().method() === "POST"),
    report.waitForURL("**/me"),
    report.getByRole("button", { name: "Add", exact: true }).click(),
  ]);
  await report.waitForLoadState("networkidle");

  // The manager opens the prepared agenda: the report's topic comes first, every item says why.
  const manager = await browser.newPage();
  await signIn(manager, DEMO.manager);
  const row = manager.locator("tbody tr", { hasText: reportName });
  await row.getByRole("link", { name: /^next / }).click();
  await expectHeading(manager, `1:1 with ${reportName}`);
  const items = manager.locator("ol.agenda > li");
  // Their topics open the agenda, in their order; ours is the last of theirs, ahead of everything else.
  const sections = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-section")));
  const titles = await manager.locator(".agenda-title").allTextContents();
  const at = titles.indexOf(topic);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(sections.slice(0, at + 1).every((s) => s === "report-topic")).toBe(true);
  expect(sections[at + 1]).not.toBe("report-topic");
  const reasons = await manager.getByTestId("agenda-reason").allTextContents();
  expect(reasons.length).toBeGreaterThan(1);
  for (const reason of reasons) expect(reason.trim()).not.toBe("");
  const minutes = (await manager.locator(".agenda-head .minutes").allTextContents()).map((m) => Number.parseInt(m, 10));
  const length = Number((await manager.locator(".lede").textContent())!.match(/(\d+) minutes/)![1]);
  expect(minutes.reduce((a, b) => a + b, 0)).toBe(length);

  // The manager runs it: ticks the topic, agrees a follow-up, finishes.
  const ours = items.nth(at);
  await ours.getByRole("button", { name: "Mark discussed" }).click();
  await expect(ours.getByRole("button", { name: "Discussed ✓" }).waitFor()).resolves.toBeUndefined();
  // Ticked, it stays on the agenda where it was, marked (issue 12).
  expect(await manager.locator(".agenda-title").allTextContents()).toEqual(titles);
  await manager.getByLabel("What will be done").fill(followUp);
  await manager.getByLabel("Who owns it").selectOption("report");
  // The form posts on its own fetcher: wait until it is saved and the page has reloaded (the form clears).
  await Promise.all([
    manager.waitForResponse(
      (r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes("intent=add-action"),
    ),
    manager.getByRole("button", { name: "Add follow-up" }).click(),
  ]);
  await manager.waitForFunction(
    () => (document.querySelector<HTMLInputElement>("#add-action-title")?.value ?? "x") === "",
  );
  await manager.waitForLoadState("networkidle");
  await Promise.all([manager.waitForURL(/finished=/), manager.getByRole("button", { name: "Finish meeting" }).click()]);
  const heldUrl = new URL(manager.url());
  const nextId = heldUrl.searchParams.get("finished")!;
  // Finish answers: it is done, and the way to the next 1:1 is right there.
  const finished = manager.getByRole("status").filter({ hasText: "This 1:1 is finished." });
  await finished.waitFor();
  await expect(manager.locator("section[aria-labelledby=discussed]").textContent()).resolves.toContain(topic);

  // The next 1:1's agenda carries the open follow-up; the discussed topic is not carried.
  await Promise.all([
    manager.waitForURL((u) => u.pathname === `/meetings/${nextId}`),
    finished.getByRole("link", { name: /^Open the next 1:1/ }).click(),
  ]);
  await manager.locator("ol.agenda .agenda-title", { hasText: followUp }).waitFor();
  const nextTitles = await manager.locator(".agenda-title").allTextContents();
  expect(nextTitles).toContain(followUp);
  expect(nextTitles).not.toContain(topic);

  // The report answers the pulse once, and cannot answer twice.
  await report.goto("/me");
  await report.getByRole("link", { name: "Answer the four-question pulse" }).click();
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
  await report.getByRole("status").filter({ hasText: "Thank you: your pulse is in." }).waitFor();
  await report.goto(`${heldUrl.pathname}/pulse`);
  await expect(report.getByText("You already answered the pulse for this 1:1").isVisible()).resolves.toBe(true);
  expect(await report.getByRole("button", { name: "Send" }).count()).toBe(0);

  // The manager never opens a pulse, not even their report's.
  expect((await manager.goto(`${heldUrl.pathname}/pulse`))?.status()).toBe(404);
});
