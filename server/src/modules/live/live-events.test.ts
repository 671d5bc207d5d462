import { permissionsFor } from "@leadline/shared";
import { describe, expect, it } from "vitest";
import type { LeadEventRow, LeadRow } from "../../db/schema/index.js";
import type { Viewer } from "../auth/viewer.js";
import { type LiveEvent, mayReceive, SLOW_CONSUMER_CLOSE, Subscriber } from "./live-events.service.js";

const viewer: Viewer = {
  tenantId: "t",
  userId: "u",
  roles: ["MANAGER"],
  permissions: permissionsFor(["MANAGER"]),
  partnerCompanyId: null,
  via: { kind: "session", sessionId: "s" },
};
const item = (n: number): LiveEvent => ({ event: { sequence: n } as LeadEventRow, lead: {} as LeadRow });

describe("a subscriber's queue", () => {
  it("hands events over in order and waits for the next one", async () => {
    const s = new Subscriber(
      viewer,
      () => true,
      () => {},
    );
    s.push(item(1));
    s.push(item(2));
    expect((await s.next()).value?.event.sequence).toBe(1);
    expect((await s.next()).value?.event.sequence).toBe(2);
    const pending = s.next();
    s.push(item(3));
    expect((await pending).value?.event.sequence).toBe(3);
  });

  it("cuts a consumer that falls behind: its subscription errors and its connection is closed", async () => {
    const closed: [number, string][] = [];
    let ended = false;
    const s = new Subscriber(
      viewer,
      () => true,
      () => (ended = true),
      (code, reason) => closed.push([code, reason]),
      3,
    );
    for (let i = 1; i <= 4; i++) s.push(item(i));
    expect(ended).toBe(true);
    expect(closed).toEqual([[SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason]]);
    await expect(s.next()).rejects.toThrow(/more than 3 events waiting/);
    s.push(item(5));
    expect(closed).toHaveLength(1);
  });
});

describe("who receives an event", () => {
  const rep = (userId: string): Viewer => ({
    ...viewer,
    userId,
    roles: ["SALES"],
    permissions: permissionsFor(["SALES"]),
  });
  const lead = { tenantId: "t", ownerId: "rep2", claimedById: null, retiredAt: null } as unknown as LeadRow;
  const event = (type: LeadEventRow["type"], payload: Record<string, unknown> = {}) =>
    ({ event: { type, payload } as LeadEventRow, lead }) as LiveEvent;

  it("tells the rep a lead was assigned away from that it left, and no one else who cannot see it", () => {
    const assigned = event("ASSIGNED", { from: "rep1", to: "rep2" });
    expect(["rep1", "rep2", "rep3"].map((u) => mayReceive(rep(u), assigned))).toEqual([true, true, false]);
    expect(mayReceive(rep("rep1"), event("UPDATED"))).toBe(false);
  });

  it("tells every rep who saw a pool lead that someone took it", () => {
    const taken = event("ASSIGNED", { from: null, to: "rep2" });
    expect(["rep1", "rep3"].map((u) => mayReceive(rep(u), taken))).toEqual([true, true]);
    expect(mayReceive({ ...rep("rep1"), tenantId: "other" }, taken)).toBe(false);
  });
});
