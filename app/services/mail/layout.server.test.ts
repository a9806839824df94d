import { describe, expect, test } from "vitest";
import { action, appLink, escapeHtml, list, paragraph, renderMail, smallPrint } from "./layout.server";

const BASE = "https://rapport.example.test";

describe("renderMail", () => {
  const rendered = renderMail(
    {
      subject: "  Your 1:1 with Grace  ",
      greeting: "Hello Ada,",
      blocks: [
        paragraph("Grace added two topics.\nHave a look before Tuesday."),
        list(["Career <next steps>", "Tom & Jerry's project"]),
        action("Open the agenda", appLink("/meetings/42", { from: "mail" }, BASE)),
        smallPrint("Sent because you have a 1:1 planned."),
      ],
      footer: "You can change which mail you get in your settings.",
    },
    BASE,
  );

  test("gives a text part from the same definition, with every link written out", () => {
    expect(rendered.subject).toBe("Your 1:1 with Grace");
    expect(rendered.text).toBe(
      [
        "Hello Ada,",
        "",
        "Grace added two topics.",
        "Have a look before Tuesday.",
        "",
        "- Career <next steps>",
        "- Tom & Jerry's project",
        "",
        "Open the agenda:",
        `${BASE}/meetings/42?from=mail`,
        "",
        "Sent because you have a 1:1 planned.",
        "",
        "-- ",
        "You can change which mail you get in your settings.",
        `Rapport · ${BASE}/`,
        "",
      ].join("\n"),
    );
  });

  test("gives an HTML part with everything escaped and the action as a link", () => {
    expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
    expect(rendered.html).toContain("<title>Your 1:1 with Grace</title>");
    expect(rendered.html).toContain("Grace added two topics.<br>Have a look before Tuesday.");
    expect(rendered.html).toContain("Career &lt;next steps&gt;");
    expect(rendered.html).toContain("Tom &amp; Jerry&#39;s project");
    expect(rendered.html).toContain(`<a href="${BASE}/meetings/42?from=mail" style=`);
    expect(rendered.html).toContain(">Open the agenda</a>");
    expect(rendered.html).not.toContain("<next");
  });

  test("can not be made to carry markup, a script link or a second header line", () => {
    const evil = `"><img src=x onerror=alert(1)>`;
    const { html, subject } = renderMail(
      { subject: evil, greeting: evil, blocks: [paragraph(evil), action(evil, `${BASE}/?q=${evil}`)] },
      BASE,
    );
    expect(subject).toBe(evil);
    expect(html).not.toMatch(/<img/);
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(() => renderMail({ subject: "x", blocks: [action("Click", "javascript:alert(1)")] }, BASE)).toThrow(
      /http or https/,
    );
    expect(() => renderMail({ subject: "x", blocks: [action("Click", "/relative")] }, BASE)).toThrow(/absolute/);
    expect(() => renderMail({ subject: "Hi\r\nBcc: all@example.test", blocks: [] }, BASE)).toThrow(/one line/);
    expect(() => renderMail({ subject: " ", blocks: [] }, BASE)).toThrow(/one line/);
  });
});

describe("appLink", () => {
  test("builds on RAPPORT_PUBLIC_URL, keeping a path it has, and encodes the query", () => {
    expect(appLink("/sign-in", {}, "https://rapport.example.test/")).toBe("https://rapport.example.test/sign-in");
    expect(appLink("/invite/a b", { token: "x&y=z" }, "https://example.test/rapport")).toBe(
      "https://example.test/rapport/invite/a%20b?token=x%26y%3Dz",
    );
  });

  test("defaults to this server on localhost", () => {
    expect(appLink("/me")).toMatch(/^http:\/\/localhost:\d+\/me$/);
  });

  test("refuses anything but a path from the root", () => {
    expect(() => appLink("https://evil.test/", {}, BASE)).toThrow();
    expect(() => appLink("//evil.test/", {}, BASE)).toThrow();
    expect(() => appLink("me", {}, BASE)).toThrow();
  });
});

test("escapeHtml escapes the five characters that matter in text and attributes", () => {
  expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
  );
});
