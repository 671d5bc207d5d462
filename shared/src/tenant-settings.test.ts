import { describe, expect, it } from "vitest";
import { normalizeTenantSettings, TENANT_SETTING_LIMITS } from "./tenant-settings.js";

describe("normalizeTenantSettings", () => {
  it("keeps what is given, trimmed and canonical, and leaves absent or null fields out", () => {
    expect(
      normalizeTenantSettings({
        name: "  Acme Sales ",
        timeZone: "europe/berlin",
        defaultCountry: "de",
        slaFirstResponseMinutes: 0.5,
        slaAtRiskPercent: 80,
        claimWindowMinutes: null,
      }),
    ).toEqual({
      ok: true,
      value: {
        name: "Acme Sales",
        timeZone: "Europe/Berlin",
        defaultCountry: "DE",
        slaFirstResponseMinutes: 0.5,
        slaAtRiskPercent: 80,
      },
    });
  });

  it("names every bad field at once", () => {
    const result = normalizeTenantSettings({
      name: " ",
      timeZone: "Mars/Olympus",
      defaultCountry: "XX",
      claimWindowMinutes: 0,
      slaFirstResponseMinutes: TENANT_SETTING_LIMITS.maxMinutes + 1,
      slaAtRiskPercent: 100,
      invitationTtlDays: -1,
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.field)).toEqual([
        "name",
        "timeZone",
        "defaultCountry",
        "claimWindowMinutes",
        "slaFirstResponseMinutes",
        "slaAtRiskPercent",
        "invitationTtlDays",
      ]);
  });

  it("takes the edges of each range", () => {
    expect(normalizeTenantSettings({ slaAtRiskPercent: 1 }).ok).toBe(true);
    expect(normalizeTenantSettings({ slaAtRiskPercent: 99 }).ok).toBe(true);
    expect(normalizeTenantSettings({ slaAtRiskPercent: 50.5 }).ok).toBe(false);
    expect(normalizeTenantSettings({ slaFirstResponseMinutes: TENANT_SETTING_LIMITS.maxMinutes }).ok).toBe(true);
    expect(normalizeTenantSettings({ invitationTtlDays: TENANT_SETTING_LIMITS.maxInvitationDays }).ok).toBe(true);
    expect(normalizeTenantSettings({ timeZone: "UTC" })).toEqual({ ok: true, value: { timeZone: "UTC" } });
  });
});
