import { initialRank, LEAD_SOURCES, type Role, slaTimes } from "@leadline/shared";
import { and, eq } from "drizzle-orm";
import {
  companies,
  leadEvents,
  leads,
  type NewLeadRow,
  stages,
  tenantCounters,
  type UserRow,
} from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { Services } from "../modules/services.js";

export const DEMO_TENANT = "demo";
export const DEMO_PASSWORD = "demo-password";
const DEMO_LEADS = 300;

const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "admin@demo.test", name: "Ada Admin", roles: ["ADMIN"] },
  { email: "manager@demo.test", name: "Max Manager", roles: ["MANAGER"] },
  { email: "rep1@demo.test", name: "Rita Rep", roles: ["SALES"] },
  { email: "rep2@demo.test", name: "Ravi Rep", roles: ["SALES"] },
  { email: "marketeer@demo.test", name: "Mia Marketeer", roles: ["MARKETEER"] },
  { email: "partner@demo.test", name: "Paul Partner", roles: ["PARTNER"] },
];

const FIRST = [
  "Alex",
  "Sam",
  "Jordan",
  "Taylor",
  "Morgan",
  "Casey",
  "Riley",
  "Jamie",
  "Avery",
  "Quinn",
  "Drew",
  "Robin",
];
const LAST = ["Smith", "Garcia", "Chen", "Okafor", "Novak", "Silva", "Kowalski", "Haddad", "Larsen", "Ito", "Moreau"];
const COMPANIES = [
  "Northwind",
  "Globex",
  "Initech",
  "Umbrella",
  "Stark Solar",
  "Acme Logistics",
  "Hooli",
  "Vandelay",
  "Wonka Foods",
];
const CITIES = ["Berlin", "Austin", "Lisbon", "Toronto", "Warsaw", "Nairobi", "Osaka", "Denver"];
const TITLES = [
  "CTO",
  "Head of Sales",
  "Operations Manager",
  "VP Marketing",
  "Founder",
  "Procurement Lead",
  "Engineer",
];

/** Small deterministic PRNG so every demo database looks the same. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Seeds tenant `demo` once: users of every role and about 300 leads across
 * the default pipeline's stages, sources, owners and the last 90 days.
 * Returns false when the tenant already exists.
 */
export async function seedDemoTenant(services: Services, log: Logger): Promise<boolean> {
  if (await services.tenants.findTenant(DEMO_TENANT)) return false;
  const tenant = await services.tenants.provisionTenant({ slug: DEMO_TENANT, name: "Demo Inc." });
  const db = services.leads.database;
  const [partnerCompany] = await db
    .insert(companies)
    .values({
      tenantId: tenant.id,
      name: "Partner Co",
      website: "https://partner.example",
      websiteDomain: "partner.example",
    })
    .returning();
  const users: UserRow[] = [];
  for (const u of DEMO_USERS) {
    users.push(
      await services.tenants.createUser({
        tenantId: tenant.id,
        ...u,
        password: DEMO_PASSWORD,
        partnerCompanyId: u.roles.includes("PARTNER") ? partnerCompany?.id : null,
      }),
    );
  }
  const byEmail = (email: string) => users.find((u) => u.email === email) as UserRow;
  const owners = [byEmail("rep1@demo.test"), byEmail("rep2@demo.test"), byEmail("manager@demo.test"), null];
  const partner = byEmail("partner@demo.test");
  const { pipeline } = await services.pipelines.resolvePipelineOrThrow(db, tenant.id, null);
  const stageRows = await db
    .select()
    .from(stages)
    .where(and(eq(stages.pipelineId, pipeline.id)));
  const openStages = stageRows.filter((s) => s.category === "OPEN");
  const random = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = Date.now();

  await db.transaction(async (tx) => {
    const rows: NewLeadRow[] = [];
    for (let i = 1; i <= DEMO_LEADS; i++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const company = `${pick(COMPANIES)} ${pick(["GmbH", "Ltd", "Inc", "LLC", "Group"])}`;
      const createdAt = new Date(now - Math.floor(random() * 90 * 24 * 3_600_000));
      // Most leads are open; a tail is disqualified, as in any real funnel.
      const stage =
        random() < 0.85 ? pick(openStages) : (stageRows.find((s) => s.key === "disqualified") ?? pick(openStages));
      const owner = pick(owners);
      const sla = slaTimes(createdAt, {
        firstResponseMinutes: tenant.slaFirstResponseMinutes,
        atRiskPercent: tenant.slaAtRiskPercent,
      });
      const responded = stage.key !== "new" || random() < 0.3;
      rows.push({
        tenantId: tenant.id,
        requestId: i,
        pipelineId: pipeline.id,
        status: stage.key,
        rank: initialRank(createdAt),
        source: pick(LEAD_SOURCES),
        channel: pick(["MANUAL", "API", "FORM", "WEBHOOK"] as const),
        name: `${first} ${last}`,
        firstName: first,
        lastName: last,
        email: `${first}.${last}.${i}@example.com`.toLowerCase(),
        phone: random() < 0.6 ? `+1415555${String(1000 + i).slice(-4)}` : null,
        jobTitle: pick(TITLES),
        companyName: company,
        city: pick(CITIES),
        ownerId: owner?.id ?? null,
        partnerRepresentativeId: random() < 0.1 ? partner.id : null,
        partnerCompanyId: null,
        createdById: (owner ?? byEmail("marketeer@demo.test")).id,
        score: Math.floor(random() * 100),
        firstResponseDueAt: sla.firstResponseDueAt,
        slaAtRiskAt: sla.atRiskAt,
        firstResponseAt: responded ? new Date(createdAt.getTime() + Math.floor(random() * 90) * 60_000) : null,
        createdAt,
        updatedAt: createdAt,
        lastActivityAt: createdAt,
      });
    }
    const inserted = await tx
      .insert(leads)
      .values(rows)
      .returning({ id: leads.id, requestId: leads.requestId, status: leads.status, createdAt: leads.createdAt });
    await tx.insert(leadEvents).values(
      inserted.map((lead) => ({
        tenantId: tenant.id,
        leadId: lead.id,
        type: "CREATED" as const,
        payload: { requestId: lead.requestId, status: lead.status, seeded: true },
        createdAt: lead.createdAt,
      })),
    );
    await tx.insert(tenantCounters).values({ tenantId: tenant.id, name: "lead", value: DEMO_LEADS });
  });
  log.info(
    { tenant: DEMO_TENANT, users: DEMO_USERS.map((u) => u.email), password: DEMO_PASSWORD, leads: DEMO_LEADS },
    `Demo tenant '${DEMO_TENANT}' seeded: sign in as rep1@demo.test (or admin@, manager@, rep2@, marketeer@, partner@demo.test) with password '${DEMO_PASSWORD}'`,
  );
  return true;
}
