import { describe, expect, it } from "vitest";
import { memoizeForRequest, runInRequestContext } from "~/http/request-context.server";

describe("work shared by the loaders of one request", () => {
  it("is computed once per request, however many loaders ask", async () => {
    let lookups = 0;
    const lookUp = () => memoizeForRequest("currentUser", async () => ++lookups);
    const [root, page] = await runInRequestContext(() => Promise.all([lookUp(), lookUp()]));
    expect([root, page, lookups]).toEqual([1, 1, 1]);
  });

  it("is never shared between two requests", async () => {
    let lookups = 0;
    const lookUp = () => memoizeForRequest("currentUser", async () => ++lookups);
    const first = await runInRequestContext(lookUp);
    const second = await runInRequestContext(lookUp);
    expect([first, second]).toEqual([1, 2]);
  });

  it("is computed each time outside a request (scripts, tests)", async () => {
    let lookups = 0;
    const lookUp = () => memoizeForRequest("currentUser", async () => ++lookups);
    await lookUp();
    await lookUp();
    expect(lookups).toBe(2);
  });
});
