import { describe, expect, it } from "vitest";
import { DEFAULT_WEBHOOK_DELIVERY } from "../../config.js";
import { judgeFailure, retryDelayMs } from "./delivery-schedule.js";

const HOUR = 3_600_000;

describe("retryDelayMs", () => {
  it("should double from 5 s with the default timings, between half and all of each step, capped at an hour", () => {
    const low = (n: number) => retryDelayMs(n, DEFAULT_WEBHOOK_DELIVERY, () => 0);
    const high = (n: number) => retryDelayMs(n, DEFAULT_WEBHOOK_DELIVERY, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map(low)).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(high(11)).toBe(HOUR);
    expect(high(500)).toBe(HOUR);
    expect(low(500)).toBe(HOUR / 2);
  });

  it("should spread retries that failed together (jitter)", () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(6, DEFAULT_WEBHOOK_DELIVERY)));
    expect(delays.size).toBeGreaterThan(40);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(80_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(160_000);
  });

  it("should keep retrying for the whole 24 hours: the schedule makes dozens of attempts in that time", () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 24 * HOUR) elapsed += retryDelayMs(++attempts, DEFAULT_WEBHOOK_DELIVERY, () => 1);
    expect(attempts).toBeGreaterThan(30);
  });
});

describe("judgeFailure", () => {
  const at = (hoursAgo: number) => new Date(Date.UTC(2030, 0, 2) - hoursAgo * HOUR);
  const now = at(0);

  it("should schedule a retry while the endpoint and the delivery are within their 24 hours", () => {
    const verdict = judgeFailure(
      { now, failingSince: at(2), queuedAt: at(3), failures: 4 },
      DEFAULT_WEBHOOK_DELIVERY,
      () => 1,
    );
    expect(verdict).toEqual({ disableEndpoint: false, giveUp: false, nextAttemptAt: new Date(now.getTime() + 40_000) });
  });

  it("should disable an endpoint that has failed for 24 hours and keep the delivery pending for the re-enable", () => {
    const verdict = judgeFailure(
      { now, failingSince: at(24), queuedAt: at(30), failures: 40 },
      DEFAULT_WEBHOOK_DELIVERY,
    );
    expect(verdict.disableEndpoint).toBe(true);
    expect(verdict.giveUp).toBe(false);
    expect(verdict.nextAttemptAt).not.toBeNull();
  });

  it("should give up a delivery refused for 24 hours by an endpoint that accepts others", () => {
    const verdict = judgeFailure(
      { now, failingSince: at(0), queuedAt: at(24), failures: 40 },
      DEFAULT_WEBHOOK_DELIVERY,
    );
    expect(verdict).toEqual({ disableEndpoint: false, giveUp: true, nextAttemptAt: null });
  });
});
