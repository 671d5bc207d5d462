import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { Leased, leaseSize } from "./rate-limits.js";

/** Two instances' leases over one shared store (a memory store standing in for the shared table). */
function twoInstances(points: number) {
  const shared = new RateLimiterMemory({ points, duration: 60 });
  return { shared, a: new Leased(shared, leaseSize(points)), b: new Leased(shared, leaseSize(points)) };
}

async function served(limiter: Leased, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

describe("leased budgets", () => {
  it("takes a twentieth of a budget at a time, between 1 and 50 points", () => {
    expect([1, 5, 20, 100, 300, 1_200, 100_000].map(leaseSize)).toEqual([1, 1, 1, 5, 15, 50, 50]);
  });

  it("never lets two instances spend more than the budget, and refuses at most a lease's worth early", async () => {
    const { a, b } = twoInstances(100);
    let ok = 0;
    for (let i = 0; i < 120; i++) if (await served(i % 2 ? b : a, "k")) ok++;
    expect(ok).toBeLessThanOrEqual(100);
    expect(ok).toBeGreaterThanOrEqual(100 - 2 * (leaseSize(100) - 1));
  });

  it("spends the last points one by one when a whole lease is no longer there", async () => {
    const { shared, a } = twoInstances(100);
    await shared.consume("k", 97);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await served(a, "k"));
    expect(results).toEqual([true, true, true, false, false]);
  });

  it("takes one lease for many requests arriving at once", async () => {
    const { shared, a } = twoInstances(1_200);
    const all = await Promise.all(Array.from({ length: 40 }, () => served(a, "burst")));
    expect(all.every(Boolean)).toBe(true);
    expect((await shared.get("burst"))?.consumedPoints).toBe(50);
  });
});
