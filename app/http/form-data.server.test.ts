import { describe, expect, test } from "vitest";
import { FORM_LIMITS, readFormData } from "./form-data.server";

const post = (body: BodyInit, type?: string) =>
  new Request("http://rapport.test/", { method: "POST", body, headers: type ? { "Content-Type": type } : {} });

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

async function statusOf(request: Request): Promise<number> {
  try {
    await readFormData(request);
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("readFormData", () => {
  test("reads multipart and URL-encoded forms", async () => {
    expect((await readFormData(post(form([["title", "Plan"]])))).get("title")).toBe("Plan");
    expect((await readFormData(post(new URLSearchParams({ title: "Plan" })))).get("title")).toBe("Plan");
  });

  test("a body that is not a web form is a 400, not a 500", async () => {
    expect(await statusOf(post('{"title":"Plan"}', "application/json"))).toBe(400);
    expect(await statusOf(post("title=Plan", "text/plain"))).toBe(400);
    expect(await statusOf(post("--x\r\ngarbage", "multipart/form-data; boundary=y"))).toBe(400);
    expect(await statusOf(post(new TextEncoder().encode("title=Plan")))).toBe(400);
  });

  test("conform's reserved fields are refused: a malformed one made conform throw", async () => {
    expect(await statusOf(post(form([["__intent__", "<script>"]])))).toBe(400);
    expect(
      await statusOf(
        post(
          form([
            ["__intent__", '{"type":"insert","payload":{"name":"title"}}'],
            ["title", "x"],
          ]),
        ),
      ),
    ).toBe(400);
    expect(await statusOf(post(form([["__state__", "{"]])))).toBe(400);
  });

  test("a huge list index or a flood of fields is refused at once, not after seconds of CPU", async () => {
    const started = performance.now();
    expect(await statusOf(post(form([["entries[99999999].rating", "1"]])))).toBe(400);
    expect(
      await statusOf(
        post(
          form([
            ["title[1e400]", "1"],
            ["x", "1"],
          ]),
        ),
      ),
    ).toBe(200); // not an index conform reads
    expect(await statusOf(post(form([[`entries[${FORM_LIMITS.listIndex + 1}].rating`, "1"]])))).toBe(400);
    expect(await statusOf(post(form([[`entries[${FORM_LIMITS.listIndex}].rating`, "1"]])))).toBe(200);
    expect(await statusOf(post(new URLSearchParams(Array.from({ length: 40_000 }, () => ["a", ""]))))).toBe(400);
    expect(
      await statusOf(post(new URLSearchParams(Array.from({ length: FORM_LIMITS.fields }, (_, i) => [`f${i}`, ""])))),
    ).toBe(200);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
