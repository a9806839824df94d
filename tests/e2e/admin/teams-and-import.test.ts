import type { Locator, Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();
const stamp = Date.now().toString(36);

/** A team's folded part of the tree: its name and, once opened, its forms. */
const team = (page: Page, name: string): Locator =>
  page.locator("details").filter({ has: page.locator("summary", { hasText: name }) });

async function open(page: Page, name: string): Promise<Locator> {
  const details = team(page, name);
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  return details;
}

const current = (page: Page) => page.locator('nav[aria-label="Organisation"] [aria-current]');

test("an admin renames, moves and removes a team, and a team with something in it is refused saying what", async () => {
  const page = await browser.newPage();
  await signIn(page, DEMO.admin);
  await page.goto("/admin/teams");
  await expectHeading(page, "Teams");
  expect(await current(page).textContent()).toBe("Teams");
  expect(await current(page).getAttribute("aria-current")).toBe("page");

  const [alpha, beta, gamma] = ["Alpha", "Beta", "Gamma"].map((n) => `E2E ${n} ${stamp}`) as [string, string, string];
  for (const name of [alpha, beta]) {
    const add = page.locator("#team");
    await add.getByLabel("Name").fill(name);
    await add.getByRole("button", { name: "Add team" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${name} was added.` })
      .waitFor();
  }

  // Rename.
  let form = await open(page, alpha);
  await form.getByLabel("Name").fill(gamma);
  await form.getByRole("button", { name: `Save ${alpha}` }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `${gamma} was saved.` })
    .waitFor();
  expect(await team(page, alpha).count()).toBe(0);

  // Move under Beta: it now sits inside Beta's branch of the tree.
  form = await open(page, gamma);
  await form.getByLabel("Part of").selectOption({ label: beta });
  await form.getByRole("button", { name: `Save ${gamma}` }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `${gamma} was saved.` })
    .waitFor();
  const betaBranch = page.locator("li").filter({ has: page.locator("> details > summary", { hasText: beta }) });
  await betaBranch.locator("summary", { hasText: gamma }).waitFor();
  // Beta cannot be put under Gamma, its own sub-team: it is not offered.
  form = await open(page, beta);
  const parents = await form.getByLabel("Part of").locator("option").allTextContents();
  expect(parents).not.toContain(gamma);
  expect(parents).not.toContain(beta);

  // Beta holds Gamma: refused, saying so; nothing removed.
  await form.getByRole("button", { name: `Remove ${beta}` }).click();
  await form
    .getByText(
      `${beta} still has 1 team (${gamma}) in it. Move the teams elsewhere first: only an empty team can be removed.`,
    )
    .waitFor();
  expect(await team(page, beta).count()).toBe(1);

  // Gamma is empty: removed; then Beta is too.
  for (const name of [gamma, beta]) {
    form = await open(page, name);
    await form.getByRole("button", { name: `Remove ${name}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${name} was removed.` })
      .waitFor();
    expect(await team(page, name).count()).toBe(0);
  }
});

test("an admin previews an import with its rows, imports it twice (unchanged the second time), then picks a manager from people", async () => {
  const page = await browser.newPage();
  await signIn(page, DEMO.admin);
  await page.goto("/admin/import");
  expect(await current(page).textContent()).toBe("Import CSV");

  const squad = `E2E Import ${stamp}`;
  const [ana, bo] = [`ana.${stamp}@example.com`, `bo.${stamp}@example.com`];
  const csv = (team: string) =>
    [
      "email,name,team,manager_email,roles",
      `${ana},Ana ${stamp},${squad},,manager`,
      `${bo},Bo ${stamp},${team},${ana},`,
    ].join("\n");
  const plan = page.getByTestId("import-plan");
  const status = page.getByRole("status");

  await page.getByLabel(/paste it/).fill(csv(squad));
  await page.getByRole("button", { name: "Preview" }).click();
  await status.filter({ hasText: "Preview: this would create 2 new, 0 changed, 0 unchanged" }).waitFor();
  await plan.getByRole("heading", { name: "To create (2)" }).waitFor();
  expect(await plan.getByText(`Ana ${stamp}`).count()).toBe(1);
  expect(await plan.locator("li", { hasText: bo }).textContent()).toContain(`team ${squad}, manager ${ana}`);

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await status.filter({ hasText: "Imported: 2 new, 0 changed, 0 unchanged" }).waitFor();
  await plan.getByRole("heading", { name: "Created (2)" }).waitFor();

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await status.filter({ hasText: "Imported: 0 new, 0 changed, 2 unchanged" }).waitFor();
  await plan.getByRole("heading", { name: "Unchanged (2)" }).waitFor();

  // A change is shown field by field.
  await page.getByLabel(/paste it/).fill(csv(`E2E Other ${stamp}`));
  await page.getByRole("button", { name: "Preview" }).click();
  await plan.getByRole("heading", { name: "To change (1)" }).waitFor();
  await plan.getByText(`team: ${squad} → E2E Other ${stamp}`).waitFor();

  // Ana cannot choose Bo, her own report.
  await page.goto(`/admin/people?q=${encodeURIComponent(ana)}`);
  await page.locator("tbody th a").first().click();
  await expectHeading(page, `Ana ${stamp}`);
  expect(await page.getByLabel("Reports to").locator("option").allTextContents()).not.toContain(`Bo ${stamp} (${bo})`);

  // Bo's manager is chosen from people by name; the person page lies under People in the sub-navigation.
  await page.goto(`/admin/people?q=${encodeURIComponent(bo)}`);
  await page.locator("tbody th a").first().click();
  await expectHeading(page, `Bo ${stamp}`);
  expect(await current(page).textContent()).toBe("People");
  expect(await current(page).getAttribute("aria-current")).toBe("true");
  const manager = page.getByLabel("Reports to");
  expect(await manager.inputValue()).toBe(ana);
  const offered = await manager.locator("option").allTextContents();
  expect(offered).not.toContain(`Bo ${stamp} (${bo})`); // never oneself
  await manager.selectOption(DEMO.manager);
  await Promise.all([page.waitForURL(/saved=1/), page.getByRole("button", { name: "Save" }).click()]);
  await page.getByText("Saved.").waitFor();
  expect(await page.getByLabel("Reports to").inputValue()).toBe(DEMO.manager);
});
