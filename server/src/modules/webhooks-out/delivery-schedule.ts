import type { WebhookDeliveryTuning } from "../../config.js";

/**
 * How long to wait before retrying a delivery that has failed `failures`
 * times: exponential backoff with "equal jitter" (half the step fixed, half
 * random), so retries back off as 5 s, 10 s, 20 s … up to the cap, and many
 * deliveries that failed together (an endpoint that was down) do not all
 * come back in the same second.
 *
 *   step  = min(cap, base · 2^(failures − 1))
 *   delay = step / 2 + random · step / 2
 */
export function retryDelayMs(
  failures: number,
  tuning: Pick<WebhookDeliveryTuning, "backoffBaseMs" | "backoffCapMs">,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 40);
  const step = Math.min(tuning.backoffCapMs, tuning.backoffBaseMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

export interface FailureVerdict {
  /** The endpoint has failed without a success for disableAfterMs: stop sending to it. */
  disableEndpoint: boolean;
  /** This delivery has been retried for its whole window: stop retrying it. */
  giveUp: boolean;
  /** When to try again; null when it is given up. */
  nextAttemptAt: Date | null;
}

export interface FailureFacts {
  now: Date;
  /** When the endpoint's current run of failures began (this failure's time if it is the first). */
  failingSince: Date;
  /** When the delivery was queued. */
  queuedAt: Date;
  /** Failed attempts so far, this one included. */
  failures: number;
}

/**
 * What a failed attempt leads to. An endpoint that has failed continuously
 * for disableAfterMs is disabled, and the delivery stays pending: it is sent
 * when an admin re-enables the endpoint, so an outage loses nothing.
 * Otherwise a delivery older than its retry window is given up (a "poison"
 * event the receiver keeps refusing while it accepts others, so it no longer
 * holds back its lead's later events); replayWebhookEvents sends it again.
 */
export function judgeFailure(
  facts: FailureFacts,
  tuning: Pick<WebhookDeliveryTuning, "backoffBaseMs" | "backoffCapMs" | "retryWindowMs" | "disableAfterMs">,
  random?: () => number,
): FailureVerdict {
  const now = facts.now.getTime();
  const disableEndpoint = now - facts.failingSince.getTime() >= tuning.disableAfterMs;
  const giveUp = !disableEndpoint && now - facts.queuedAt.getTime() >= tuning.retryWindowMs;
  return {
    disableEndpoint,
    giveUp,
    nextAttemptAt: giveUp ? null : new Date(now + retryDelayMs(facts.failures, tuning, random)),
  };
}
