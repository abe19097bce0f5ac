import { describe, expect, it } from "vitest";
import { delayAfter, LOGIN_POLICIES } from "~/auth/login-throttle.server";

describe("delayAfter", () => {
  it("is free for the allowed failures, then doubles up to its ceiling", () => {
    const pair = LOGIN_POLICIES.pair;
    expect([1, 2, 3, 4].map((n) => delayAfter(pair, n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7].map((n) => delayAfter(pair, n))).toEqual([30_000, 60_000, 120_000]);
    expect(delayAfter(pair, 50)).toBe(15 * 60_000);
  });

  it("never holds an account back for more than a minute, whoever fails on it", () => {
    expect(delayAfter(LOGIN_POLICIES.account, 10_000)).toBe(60_000);
  });
});
