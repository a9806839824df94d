import { expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { useBrowser } from "../browser";

// The audit itself: a page with what it must catch fails it, at both widths, with the rule named.
const browser = useBrowser();

test("the audit fails a page without alt text, with a nameless button, wider than a phone", async () => {
  const page = await browser.newPage();
  await page.setContent(
    `<html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1>` +
      `<img src="data:,"><button></button><div style="width:900px">wide</div></main></body></html>`,
  );
  const audit = accessibilityAudit();
  await audit.check(page, "a broken page");
  let failure = "";
  try {
    audit.expectClean();
  } catch (error) {
    failure = String(error);
  }
  for (const width of [1280, 390]) {
    expect(failure).toContain(`image-alt on a broken page, ${width} px`);
    expect(failure).toContain(`button-name on a broken page, ${width} px`);
  }
  expect(failure).toContain("page-wider-than-screen on a broken page, 390 px");
});
