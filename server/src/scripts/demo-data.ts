import { randomUUID } from "node:crypto";
import { LEAD_SOURCES, type Role } from "@leadline/shared";
import type { UserRow } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { Viewer } from "../modules/auth/viewer.js";
import type { Services } from "../modules/services.js";
import { standardWebhookHeaders } from "../modules/webhooks-out/webhook-sender.js";

export const DEMO_TENANT = "demo";
export const DEMO_PASSWORD = "demo-password";
const DEMO_LEADS = 300;
/** Of those, pushed by a partner's CRM through the signed webhook (some in one batch) and sent through the website's form. */
const DEMO_WEBHOOK_LEADS = 40;
const DEMO_FORM_LEADS = 40;
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

/** What reps type in by hand; PARTNER arrives by webhook and WEBSITE_FORM by the form. */
const MANUAL_SOURCES = LEAD_SOURCES.filter((s) => !["PARTNER", "WEBSITE_FORM", "WEBHOOK", "API", "IMPORT"].includes(s));

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
  const person = (i: number) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    return {
      first,
      last,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      phone: random() < 0.6 ? `+1415555${String(1000 + i).slice(-4)}` : null,
      jobTitle: pick(TITLES),
      companyName: `${pick(COMPANIES)} ${pick(["GmbH", "Ltd", "Inc", "LLC", "Group"])}`,
      city: pick(CITIES),
    };
  };
  const manual = DEMO_LEADS - DEMO_WEBHOOK_LEADS - DEMO_FORM_LEADS;
  const admin = await viewerOf(byEmail("admin@demo.test"));
  const marketeer = creators[3] as Viewer;

  // First the machine channels (older), then the leads typed in and worked by hand (the newest).
  // A partner's CRM pushes leads through the signed webhook, as an integrator would: one batch, then singles.
  const { secret } = await services.webhookIntake.rotateSecret(admin);
  const push = async (body: unknown) => {
    const raw = Buffer.from(JSON.stringify(body));
    await services.webhookIntake.receive(
      DEMO_TENANT,
      standardWebhookHeaders(secret, `msg_${randomUUID()}`, raw.toString()),
      raw,
    );
  };
  const hooked = Array.from({ length: DEMO_WEBHOOK_LEADS }, (_, k) => {
    const { first, last, ...who } = person(manual + k + 1);
    return { name: `${first} ${last}`, firstName: first, lastName: last, source: "PARTNER", ...who };
  });
  const batch = Math.floor(DEMO_WEBHOOK_LEADS / 2);
  await push(hooked.slice(0, batch));
  for (const lead of hooked.slice(batch)) await push(lead);

  // Visitors fill the website's form (rendered a minute or two before, from several addresses), with their campaign.
  const form = await services.captureForms.upsert(marketeer, null, { name: "Website: contact us", fields: ["city"] });
  for (let k = 0; k < DEMO_FORM_LEADS; k++) {
    const { first, last, ...who } = person(manual + DEMO_WEBHOOK_LEADS + k + 1);
    const campaign = pick(["spring_launch", "webinar_q3", "pricing_ads"]);
    await services.captureForms.submit(
      form.id,
      {
        _t: services.captureForms.guard.issueToken(form.id, Date.now() - 60_000 - Math.floor(random() * 60_000)),
        name: `${first} ${last}`,
        email: who.email,
        phone: who.phone ?? "",
        companyName: who.companyName,
        jobTitle: who.jobTitle,
        city: who.city,
        utm_source: pick(["google", "linkedin", "newsletter"]),
        utm_medium: pick(["cpc", "social", "email"]),
        utm_campaign: campaign,
        source_url: `https://www.example.com/${campaign.replace("_", "-")}`,
      },
      `198.51.100.${(k % 250) + 1}`,
    );
  }

  for (let i = 1; i <= manual; i++) {
    const { first, last, ...who } = person(i);
    const creator = pick(creators);
    const { lead } = await services.createLead.run(creator, {
      channel: "MANUAL",
      duplicates: "KEEP_BOTH",
      route: false,
      input: {
        name: `${first} ${last}`,
        firstName: first,
        lastName: last,
        source: pick(MANUAL_SOURCES),
        ...who,
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
  // Marketing's tracking: page views, pricing visits and downloads score the leads they touch, with history.
  const tracked = await services.leadReads.listLeads(marketeer, {
    first: 200,
    orderBy: { field: "CREATED_AT", direction: "DESC" },
  });
  const events = tracked.nodes.flatMap(({ lead }) => {
    if (random() < 0.5 || !lead.email) return [];
    const kinds = ["page_view", "page_view", "pricing_page_view", "email_open", "email_click", "content_download"];
    return Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
      email: lead.email,
      type: pick(kinds),
      occurredAt: new Date(Date.now() - Math.floor(random() * 10 * 86_400_000)),
    }));
  });
  await services.scoring.trackEvents(marketeer, events);

  // Reps answer some of their leads by email: those clocks stop (MET), and the mail lands in the development mailbox.
  const rita = creators[0] as Viewer;
  const replied = await services.leadReads.listLeads(rita, {
    first: 40,
    orderBy: { field: "CREATED_AT", direction: "ASC" },
    filter: { mine: true },
  });
  for (const { lead } of replied.nodes) {
    if (random() < 0.5) continue;
    try {
      await services.messages.sendMessage(rita, lead.id, {
        channel: "EMAIL",
        subject: "Thanks for getting in touch",
        body: `Hi ${lead.firstName ?? lead.name}, thanks for getting in touch. When would suit you for a short call?`,
      });
    } catch (error) {
      // A server without email (SMTP_URL unset on PostgreSQL) seeds no replies; nothing else depends on them.
      log.info({ reason: error instanceof Error ? error.message : String(error) }, "demo replies skipped");
      break;
    }
  }

  log.info(
    { tenant: DEMO_TENANT, users: DEMO_USERS.map((u) => u.email), password: DEMO_PASSWORD, leads: DEMO_LEADS },
    `Demo tenant '${DEMO_TENANT}' seeded: sign in as rep1@demo.test (or admin@, manager@, rep2@, marketeer@, partner@demo.test) with password '${DEMO_PASSWORD}'`,
  );
  return true;
}
