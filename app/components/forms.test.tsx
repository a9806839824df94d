import { useForm, type SubmissionResult } from "@conform-to/react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import type { FormReply } from "~/schemas/form-reply";
import { validateWith } from "./forms-zod";
import {
  ChoiceField,
  Field,
  FormNotices,
  isSending,
  outcomeOf,
  replyErrors,
  revalidateAfterConflict,
  SubmissionKey,
  SubmissionSeed,
} from "./forms";

const Schema = z.object({
  intent: z.literal("add"),
  version: z.number().int().min(1),
  title: z.string().min(1, "Title is required."),
  size: z.enum(["s", "m"], { error: "Choose a size." }),
});

/** A form as the server renders it after `lastResult` came back. */
function render(lastResult?: SubmissionResult & { conflict?: FormReply["conflict"] }) {
  function Demo() {
    const [form, fields] = useForm<z.input<typeof Schema>>({ id: "demo", lastResult, defaultValue: { size: "m" } });
    return (
      <form id={form.id}>
        <FormNotices form={form} reply={lastResult as FormReply | undefined} labels={{ title: "Title" }} />
        <Field label="Title" hint="(short)" meta={fields.title} maxLength={20} />
        <ChoiceField
          legend="Size"
          meta={fields.size}
          options={[
            { value: "s", label: "Small" },
            { value: "m", label: "Medium" },
          ]}
        />
      </form>
    );
  }
  return renderToStaticMarkup(<Demo />);
}

/** The attributes of the element with this id, whatever their order. */
function attributesOf(html: string, id: string): Record<string, string> {
  const tag = new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
  return Object.fromEntries(
    [...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name!.toLowerCase(), value!]),
  );
}

const refused = (error: Record<string, string[]>, initialValue: Record<string, string> = {}): SubmissionResult => ({
  status: "error",
  initialValue,
  error,
});

describe("Field and ChoiceField", () => {
  test("label, control and hint are tied by id; no error markup while there is nothing to say", () => {
    const html = render();
    expect(html).toContain('<label for="demo-title">Title <span class="hint">(short)</span></label>');
    expect(attributesOf(html, "demo-title")).toEqual({
      id: "demo-title",
      name: "title",
      form: "demo",
      type: "text",
      maxlength: "20",
    });
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain("field-error");
    expect(html).toContain("<fieldset><legend>Size</legend>");
    expect(attributesOf(html, "demo-size-m")).toMatchObject({ name: "size", type: "radio", value: "m", checked: "" });
    expect(attributesOf(html, "demo-size-s")).not.toHaveProperty("checked");
  });

  test("an error marks its control invalid and describes it, kept with what was typed", () => {
    const html = render(
      refused({ title: ["Title is too long."], size: ["Choose a size."] }, { title: "typed", size: "s" }),
    );
    expect(attributesOf(html, "demo-title")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "demo-title-error",
      value: "typed",
    });
    expect(html).toContain('<div id="demo-title-error"><p class="field-error">Title is too long.</p></div>');
    for (const id of ["demo-size-s", "demo-size-m"]) {
      expect(attributesOf(html, id)).toMatchObject({ "aria-invalid": "true", "aria-describedby": "demo-size-error" });
    }
    expect(attributesOf(html, "demo-size-s")).toHaveProperty("checked");
    expect(html).toContain('<div id="demo-size-error"><p class="field-error">Choose a size.</p></div>');
  });
});

describe("FormNotices", () => {
  test("says what was wrong with the form as a whole, and with its hidden fields, in one alert", () => {
    const html = render(refused({ "": ["Nothing was saved."], version: ["Reload the page."] }));
    expect(html).toContain(
      '<div class="alert error" id="demo-error" role="alert"><ul><li>Nothing was saved.</li><li>Reload the page.</li></ul></div>',
    );
  });

  test("after a stale save, shows who changed what above the form's errors", () => {
    const conflict = {
      currentVersion: 4,
      changedBy: "Sam",
      changedAt: null,
      changes: [{ field: "title", before: "Old", after: "New" }],
    };
    const html = render({ ...refused({ "": ["Someone saved a change."] }), conflict });
    expect(html).toMatch(
      /data-testid="conflict".*Changed by Sam.*Title: Old → New.*role="alert">Someone saved a change\./,
    );
  });
});

test("replyErrors gathers every message of a reply, and none without one", () => {
  const reply: FormReply = {
    status: "error",
    error: { "": ["Over."], topicId: ["Unknown topic."], other: null as never },
    conflict: null,
  };
  expect(replyErrors(reply)).toEqual(["Over.", "Unknown topic."]);
  expect(replyErrors(undefined)).toBeNull();
});

test("a page reloads its data after a stale save, and otherwise as Remix would", () => {
  const args = (actionStatus: number | undefined, defaultShouldRevalidate: boolean) =>
    ({ actionStatus, defaultShouldRevalidate }) as Parameters<typeof revalidateAfterConflict>[0];
  expect(revalidateAfterConflict(args(409, false))).toBe(true);
  expect(revalidateAfterConflict(args(400, false))).toBe(false);
  expect(revalidateAfterConflict(args(undefined, true))).toBe(true);
});

describe("validateWith", () => {
  test("checks in the browser with the action's schema, and brings its constraints", () => {
    const { constraint, onValidate } = validateWith(Schema);
    expect(constraint.title).toMatchObject({ required: true });
    const form = new FormData();
    form.set("intent", "add");
    form.set("version", "3");
    form.set("size", "s");
    expect(onValidate({ formData: form }).status).toBe("error");
    form.set("title", "A title");
    expect(onValidate({ formData: form }).status).toBe("success");
  });

  test("works the constraints out once per schema", () => {
    expect(validateWith(Schema).constraint).toBe(validateWith(Schema).constraint);
  });
});

describe("a form after its post comes back", () => {
  test("a save that went through clears it: a redirect, a plain answer, a reply that says success", () => {
    expect(outcomeOf(undefined)).toBe("saved");
    expect(outcomeOf({ ok: true })).toBe("saved");
    expect(outcomeOf({ status: "success", initialValue: {}, conflict: null })).toBe("saved");
  });

  test("a refused one keeps what was typed", () => {
    expect(outcomeOf(refused({ title: ["Title is required."] }, { title: "typed" }))).toBe("refused");
    expect(outcomeOf({ ...refused({ "": ["Someone saved a change."] }), conflict: { currentVersion: 2 } })).toBe(
      "refused",
    );
  });

  test("its button is disabled while it is posting and while the page reloads, and only for its own intent", () => {
    const sent = new FormData();
    sent.set("intent", "add-topic");
    expect(isSending({ state: "submitting", formData: sent })).toBe(true);
    expect(isSending({ state: "loading", formData: sent })).toBe(true);
    expect(isSending({ state: "idle" })).toBe(false);
    // A page reload that no form caused (a link followed) disables nothing.
    expect(isSending({ state: "loading" })).toBe(false);
    expect(isSending({ state: "submitting", formData: sent }, "add-topic")).toBe(true);
    expect(isSending({ state: "submitting", formData: sent }, "add-note")).toBe(false);
  });

  test("says it was saved in a status region that is there, empty, before it speaks", () => {
    function Demo({ saved }: { saved: string | null }) {
      const [form] = useForm({ id: "demo" });
      return <FormNotices form={form} reply={undefined} saved={saved} />;
    }
    expect(renderToStaticMarkup(<Demo saved={null} />)).toContain('<p class="form-saved" role="status"></p>');
    expect(renderToStaticMarkup(<Demo saved="Topic added." />)).toContain(
      '<p class="form-saved" role="status">Topic added.</p>',
    );
  });
});

describe("SubmissionKey", () => {
  const keysIn = (html: string) => [...html.matchAll(/name="submissionKey" value="([^"]+)"/g)].map((m) => m[1]);

  test("each form on a page has its own key, made from the page's seed, in every FormNotices", () => {
    function Page({ seed }: { seed: string }) {
      const [a] = useForm({ id: "a" });
      const [b] = useForm({ id: "b" });
      return (
        <SubmissionSeed.Provider value={seed}>
          <FormNotices form={a} reply={undefined} />
          <FormNotices form={b} reply={undefined} />
        </SubmissionSeed.Provider>
      );
    }
    const first = keysIn(renderToStaticMarkup(<Page seed="seed-one-0000" />));
    expect(first).toHaveLength(2);
    expect(new Set(first).size).toBe(2);
    for (const key of first) expect(key).toMatch(/^seed-one-0000[\w:.-]+$/);
    // A new seed (the page's data loaded again, after a save) makes new keys.
    const second = keysIn(renderToStaticMarkup(<Page seed="seed-two-0000" />));
    expect(second.some((key) => first.includes(key))).toBe(false);
  });

  test("without a seed (outside the app's layout) there is no key, and the server writes as before", () => {
    expect(renderToStaticMarkup(<SubmissionKey />)).toBe("");
  });
});
