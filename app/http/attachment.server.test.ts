import { describe, expect, test } from "vitest";
import { attachment, contentDisposition } from "./attachment.server";

describe("a file to download", () => {
  test("is private, never cached, typed, and named, and leaves the security headers to the middleware", async () => {
    const response = attachment("a,b\n", {
      type: "text/csv; charset=utf-8",
      fileName: "trends-2026-01-to-2026-06.csv",
    });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="trends-2026-01-to-2026-06.csv"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    // Every response's headers come from withSecurityHeaders: set here too, nosniff went out twice.
    expect(response.headers.get("X-Content-Type-Options")).toBeNull();
    await expect(response.text()).resolves.toBe("a,b\n");
  });

  test("a name a header cannot carry as it is gets a plain fallback and its UTF-8 form, and never breaks out", () => {
    expect(contentDisposition('Zoë "ops".csv')).toBe(
      `attachment; filename="Zo_ _ops_.csv"; filename*=UTF-8''Zo%C3%AB%20%22ops%22.csv`,
    );
    expect(contentDisposition("a\r\nSet-Cookie: x.csv")).not.toMatch(/[\r\n]/);
  });
});
