import { describe, expect, it } from "vitest";
import { bodyLimitsInspector } from "./count-documents";

const judge = (ndjson: boolean, body: string, max: number, chunk = 7) => {
  const inspector = bodyLimitsInspector(ndjson, max);
  const bytes = Buffer.from(body);
  for (let i = 0; i < bytes.length; i += chunk) inspector.feed(bytes.subarray(i, i + chunk));
  inspector.end();
};

describe("the body limits, judged while the body arrives", () => {
  it("allow exactly the maximum and refuse one more, however the body is cut into chunks", () => {
    expect(() => judge(false, `[${Array(5).fill("{}").join(",")}]`, 5)).not.toThrow();
    expect(() => judge(false, `[${Array(6).fill("{}").join(",")}]`, 5)).toThrow(/more than 5 events/);
    expect(() => judge(true, "{}\n".repeat(5), 5)).not.toThrow();
    expect(() => judge(true, "{}\n".repeat(5) + "{}", 5)).toThrow(/more than 5 events/);
    expect(() => judge(true, "\n \r\n".repeat(100) + "{}", 5, 3)).not.toThrow();
  });

  it("refuse a deep or wide JSON body", () => {
    expect(() => judge(false, "[".repeat(100), 5)).toThrow(/deeper than 64/);
    expect(() => judge(false, `{${Array.from({ length: 5001 }, (_, i) => `"k${i}":1`).join(",")}}`, 5)).toThrow(/more than 5000 fields/);
  });
});
