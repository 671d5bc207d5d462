import { expect, it } from "vitest";
import type { LiveEvent } from "./feed";
import { LiveFeed } from "./feed";

const event = (sequence: number) => ({ sequence: String(sequence) }) as LiveEvent;

function feedAt(start: number) {
  const clock = { now: start };
  return { clock, feed: new LiveFeed(() => clock.now) };
}

it("hands each sequence to the handlers once, live or caught up", () => {
  const { feed } = feedAt(0);
  const handled: string[] = [];
  feed.on((e, delivery) => handled.push(`${e.sequence}:${delivery}`));
  expect(feed.receive(event(5), "live")).toBe(true);
  expect(feed.receive(event(5), "catch-up")).toBe(false);
  expect(feed.receive(event(4), "catch-up")).toBe(true);
  expect(handled).toEqual(["5:live", "4:catch-up"]);
});

it("resumes from the highest settled sequence, so a change that commits late is caught up", () => {
  const { clock, feed } = feedAt(1_000);
  expect(feed.resumeSequence).toBeNull();
  feed.receive(event(10), "live");
  feed.receive(event(12), "live");
  // Nothing has settled yet: resume just below the lowest recent one.
  expect(feed.resumeSequence).toBe("9");
  clock.now += 2_500;
  feed.receive(event(20), "live");
  // 12 arrived long enough ago; 20 is recent, and a change numbered between them may still be committing.
  expect(feed.resumeSequence).toBe("12");
  clock.now += 2_500;
  expect(feed.resumeSequence).toBe("20");
});
