import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let a: TestTenant;
let b: TestTenant;

const FIELDS =
  "name timeZone defaultCountry claimWindowMinutes slaFirstResponseMinutes slaAtRiskPercent invitationTtlDays";
const READ = `{ tenantSettings { ${FIELDS} } }`;
const UPDATE = `mutation($input: TenantSettingsInput!) { updateTenantSettings(input: $input) { ${FIELDS} } }`;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
  b = await createTestTenant(server, { admin: ["ADMIN"] });
});
afterAll(() => server?.stop());

describe("tenant settings", () => {
  it("lets an admin change the SLA policy; the next lead's clock follows it", async () => {
    const before = (await server.gql(READ, {}, a.tokens.rep)).data?.tenantSettings;
    expect(before).toMatchObject({ timeZone: "UTC", defaultCountry: "US", slaFirstResponseMinutes: 60 });

    const res = await server.gql(
      UPDATE,
      { input: { slaFirstResponseMinutes: 15, slaAtRiskPercent: 80, timeZone: "europe/berlin", defaultCountry: "de" } },
      a.tokens.admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateTenantSettings).toMatchObject({
      slaFirstResponseMinutes: 15,
      slaAtRiskPercent: 80,
      timeZone: "Europe/Berlin",
      defaultCountry: "DE",
      name: before.name,
    });

    const created = await server.gql(
      `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { createdAt phone sla { firstResponseDueAt atRiskAt } } } }`,
      { input: { name: "After the change", source: "CALL", phone: "030 1234567" } },
      a.tokens.rep,
    );
    const lead = created.data?.createLead.lead;
    const at = new Date(lead.createdAt).getTime();
    expect(new Date(lead.sla.firstResponseDueAt).getTime() - at).toBe(15 * 60_000);
    expect(new Date(lead.sla.atRiskAt).getTime() - at).toBe(12 * 60_000);
    // A number without a prefix is read in the new default country.
    expect(lead.phone).toBe("+49301234567");
  });

  it("is for admins only, and changes nothing for anyone else", async () => {
    const before = (await server.gql(READ, {}, a.tokens.admin)).data?.tenantSettings;
    for (const token of [a.tokens.manager, a.tokens.rep]) {
      expect(codes(await server.gql(UPDATE, { input: { slaFirstResponseMinutes: 1 } }, token))).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await server.gql(READ, {}, undefined))).toEqual(["UNAUTHENTICATED"]);
    expect((await server.gql(READ, {}, a.tokens.admin)).data?.tenantSettings).toEqual(before);
  });

  it("names every bad field and saves none of the change", async () => {
    const before = (await server.gql(READ, {}, a.tokens.admin)).data?.tenantSettings;
    const res = await server.gql(
      UPDATE,
      {
        input: {
          name: "Renamed",
          timeZone: "Mars/Olympus",
          defaultCountry: "XX",
          slaAtRiskPercent: 100,
          claimWindowMinutes: 0,
        },
      },
      a.tokens.admin,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["claimWindowMinutes", "defaultCountry", "slaAtRiskPercent", "timeZone"]);
    expect((await server.gql(READ, {}, a.tokens.admin)).data?.tenantSettings).toEqual(before);
  });

  it("keeps each tenant's settings its own", async () => {
    await server.gql(UPDATE, { input: { name: "Tenant A, renamed", invitationTtlDays: 3 } }, a.tokens.admin);
    const other = (await server.gql(READ, {}, b.tokens.admin)).data?.tenantSettings;
    expect(other).toMatchObject({ invitationTtlDays: 14, slaFirstResponseMinutes: 60, timeZone: "UTC" });
    expect(other.name).not.toBe("Tenant A, renamed");
  });
});
