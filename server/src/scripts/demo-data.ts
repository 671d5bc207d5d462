import { LEAD_SOURCES, type Role } from "@leadline/shared";
import type { UserRow } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { Services } from "../modules/services.js";

export const DEMO_TENANT = "demo";
export const DEMO_PASSWORD = "demo-password";
const DEMO_LEADS = 300;
/** Moves along the default (lifecycle) pipeline's transitions, each as likely as its repeats. */
const DEMO_PATHS: readonly (readonly string[])[] = [
  [],
  [],
  [],
  ["working"],
  ["working"],
  ["working", "mql"],
  ["mql"],
  ["working", "sql"],
  ["sql"],
  ["disqualified"],
];

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
 * the default pipeline's stages, sources and owners, each made and moved
 * through the product's own create and move paths.
 * Returns false when the tenant already exists.
 */
export async function seedDemoTenant(services: Services, log: Logger): Promise<boolean> {
  if (await services.tenants.findTenant(DEMO_TENANT)) return false;
  const tenant = await services.tenants.provisionTenant({ slug: DEMO_TENANT, name: "Demo Inc." });
  const users: UserRow[] = [];
  for (const u of DEMO_USERS) {
    users.push(
      await services.tenants.createUser({
        tenantId: tenant.id,
        ...u,
        password: DEMO_PASSWORD,
      }),
    );
  }
  const byEmail = (email: string) => users.find((u) => u.email === email) as UserRow;
  const partner = byEmail("partner@demo.test");
  // Every lead is made as a user would make it: signed in, through the one create path, then worked
  // along the pipeline's transitions with the kanban's move, so each has the history the product writes.
  const viewerOf = async (user: UserRow) => {
    const { token } = await services.auth.signIn(user);
    const viewer = await services.auth.authenticate(`Bearer ${token}`);
    if (!viewer) throw new Error(`demo user ${user.email} cannot sign in`);
    return viewer;
  };
  const creators = await Promise.all(
    ["rep1@demo.test", "rep2@demo.test", "manager@demo.test", "marketeer@demo.test"].map((e) => viewerOf(byEmail(e))),
  );
  const manager = creators[2] as Awaited<ReturnType<typeof viewerOf>>;
  // A manager hands the leads they enter to someone (or keeps them, or leaves them in the pool).
  const assignable = [manager.userId, creators[0]?.userId, creators[1]?.userId, null];
  const random = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let i = 1; i <= DEMO_LEADS; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const creator = pick(creators);
    const { lead } = await services.createLead.run(creator, {
      channel: "MANUAL",
      duplicates: "KEEP_BOTH",
      route: false,
      input: {
        name: `${first} ${last}`,
        firstName: first,
        lastName: last,
        source: pick(LEAD_SOURCES),
        email: `${first}.${last}.${i}@example.com`.toLowerCase(),
        phone: random() < 0.6 ? `+1415555${String(1000 + i).slice(-4)}` : null,
        jobTitle: pick(TITLES),
        companyName: `${pick(COMPANIES)} ${pick(["GmbH", "Ltd", "Inc", "LLC", "Group"])}`,
        city: pick(CITIES),
        partnerRepresentativeId: random() < 0.1 ? partner.id : null,
        ownerId: creator === manager ? pick(assignable) : undefined,
      },
    });
    if (!lead) continue;
    // Reps work their own leads; the manager works the rest (marketing hands leads over).
    const worker = creator === creators[3] ? manager : creator;
    // Most leads are worked a step or two; a tail is disqualified, as in any real funnel.
    const path = pick(DEMO_PATHS);
    for (const toStatus of path) {
      await services.moves.moveLead(worker, lead.id, { toStatus });
    }
    // Planned follow-ups spread over the next days fill the inbox's Now, Today and Later tabs.
    if (path.at(-1) !== "disqualified" && random() < 0.6) {
      const inMinutes = Math.floor(random() * 4 * 24 * 60) - 30;
      await services.nextActions.setNextAction(worker, lead.id, {
        type: pick(["REPLY", "FOLLOW_UP"] as const),
        dueAt: new Date(Date.now() + Math.max(5, inMinutes) * 60_000),
        note: null,
      });
    }
  }
  log.info(
    { tenant: DEMO_TENANT, users: DEMO_USERS.map((u) => u.email), password: DEMO_PASSWORD, leads: DEMO_LEADS },
    `Demo tenant '${DEMO_TENANT}' seeded: sign in as rep1@demo.test (or admin@, manager@, rep2@, marketeer@, partner@demo.test) with password '${DEMO_PASSWORD}'`,
  );
  return true;
}
