import { describe, expect, it } from "vitest";
import { SignInThrottle } from "./sign-in-throttle";

describe("the sign-in throttle", () => {
  it("lets the first failures through, then makes each further attempt wait twice as long", () => {
    let t = 0;
    const th = new SignInThrottle({ free: 3, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(th.waitMs("user:bob")).toBe(0);
      th.failed("user:bob");
    }
    expect(th.waitMs("user:bob")).toBe(1000);
    t = 1000;
    expect(th.waitMs("user:bob")).toBe(0);
    th.failed("user:bob");
    expect(th.waitMs("user:bob")).toBe(2000);
    th.failed("user:bob");
    expect(th.waitMs("user:bob")).toBe(4000);
    expect(th.waitMs("user:alice")).toBe(0);
    th.succeeded("user:bob");
    expect(th.waitMs("user:bob")).toBe(0);
  });

  it("forgets failures after the window, caps the delay, and stays bounded in size", () => {
    let t = 0;
    const th = new SignInThrottle({ free: 1, windowMs: 60_000, maxDelayMs: 5000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 20; i++) th.failed("ip:10.0.0.1");
    expect(th.waitMs("ip:10.0.0.1")).toBe(5000);
    t = 61_000;
    expect(th.waitMs("ip:10.0.0.1")).toBe(0);
    for (let i = 0; i < 1000; i++) th.failed(`ip:10.0.${i >> 8}.${i & 255}`);
    th.failed("ip:last");
    expect(th.waitMs("ip:10.0.0.0")).toBe(0); // dropped, oldest first
    th.failed("ip:last");
    expect(th.waitMs("ip:last")).toBeGreaterThan(0);
  });
});
