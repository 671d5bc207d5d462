import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { and, count, eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captchaCredentials, formSubmissions, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  reasons,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

/**
 * Capture forms end to end over real HTTP: managed through GraphQL, shown
 * by the hosted page, submitted as a browser with JavaScript off would
 * (urlencoded POST), guarded, and turned into scored, routed leads.
 */
const MIN_FILL_MS = 250;
const CAPTCHA_SECRET = "6Lc-test-secret-that-must-never-leak-0123456789";
const logLines: string[] = [];
let server: TestServer;
let t: TestTenant;
let other: TestTenant;
let siteverify: Server;
let siteverifyUrl: string;
/** What the stand-in siteverify received, and what it answers next. */
const verifyCalls: URLSearchParams[] = [];
let verifyAnswer: Record<string, unknown> = { success: true };

const UPSERT = `mutation($id: ID, $input: CaptureFormInput!) {
  upsertCaptureForm(id: $id, input: $input) { id name active fields captchaEnabled embedUrl embedSnippet submissions redirectUrl } }`;
const FORMS = "{ captureForms { id name submissions embedUrl } }";
const LEAD = `query($id: ID) { lead(id: $id) { id channel source score queue { id } form { id name submissions }
  attribution { utmSource utmMedium utmCampaign sourceUrl referrer firstTouchAt } } }`;

beforeAll(async () => {
  siteverify = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      verifyCalls.push(new URLSearchParams(body));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(verifyAnswer));
    });
  });
  await new Promise<void>((resolve) => siteverify.listen(0, "127.0.0.1", resolve));
  siteverifyUrl = `http://127.0.0.1:${(siteverify.address() as AddressInfo).port}/recaptcha/api/siteverify`;
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  server = await startTestServer(
    {
      captchaVerifyUrl: siteverifyUrl,
      formGuard: { minFillMs: MIN_FILL_MS, perIpPerMinute: 1_000, perFormPerMinute: 1_000 },
    },
    undefined,
    pino({ level: "trace" }, sink),
  );
  t = await createTestTenant(server, { admin: ["ADMIN"], marketer: ["MARKETEER"], rep: ["SALES"] });
  other = await createTestTenant(server, { admin: ["ADMIN"] });
});
afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => siteverify?.close(resolve));
});

const db = () => server.app.database.db;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createForm(input: Record<string, unknown>, token = t.tokens.marketer) {
  const res = await server.gql(UPSERT, { input: { fields: [], ...input } }, token);
  expect(res.errors).toBeUndefined();
  return res.data?.upsertCaptureForm as Record<string, any>;
}

/** Opens the hosted page as a browser would and reads the hidden fields it must send back. */
async function openForm(formId: string, query = "", referer?: string) {
  const res = await fetch(`${server.url}/f/${formId}${query}`, { headers: referer ? { referer } : {} });
  const html = await res.text();
  const hidden: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    hidden[match[1] as string] = (match[2] as string).replaceAll("&amp;", "&");
  }
  return { status: res.status, html, hidden };
}

/** Submits like a browser with JavaScript off: an urlencoded POST, redirects not followed. */
async function post(formId: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/f/${formId}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, location: res.headers.get("location"), headers: res.headers, text: await res.text() };
}

/** Opens the form, waits as a person would, then submits it with these values. */
async function fillAndSend(formId: string, values: Record<string, string>, query = "") {
  const opened = await openForm(formId, query);
  await sleep(MIN_FILL_MS + 50);
  return post(formId, { ...opened.hidden, ...values });
}

const leadsOfTenant = async () => {
  const [row] = await db().select({ n: count() }).from(leads).where(eq(leads.tenantId, t.tenant.id));
  return Number(row?.n);
};

describe("managing capture forms", () => {
  it("should let marketers and admins create forms, with the embed URL and snippet, and refuse reps", async () => {
    const form = await createForm({ name: "Spring webinar", fields: ["city", "description"] });
    expect(form).toMatchObject({
      name: "Spring webinar",
      active: true,
      fields: ["city", "description"],
      submissions: 0,
    });
    expect(form.embedUrl).toMatch(new RegExp(`/f/${form.id}$`));
    expect(form.embedSnippet).toContain(`data-form="${form.id}"`);
    expect(form.embedSnippet).toContain("/embed.js");
    const listed = await server.gql(FORMS, {}, t.tokens.admin);
    expect(listed.data?.captureForms.map((f: { id: string }) => f.id)).toContain(form.id);
    const byRep = await server.gql(UPSERT, { input: { name: "x", fields: [] } }, t.tokens.rep);
    expect(codes(byRep)).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql(FORMS, {}, t.tokens.rep))).toEqual(["FORBIDDEN"]);
  });

  it("should report every bad field at once and store nothing", async () => {
    const res = await server.gql(
      UPSERT,
      {
        input: {
          name: " ",
          fields: ["city", "passwordHash"],
          redirectUrl: "javascript:alert(1)",
          captchaEnabled: true,
        },
      },
      t.tokens.marketer,
    );
    expect(reasons(res)).toEqual(["INVALID_INPUT"]);
    expect(fieldsOf(res).sort()).toEqual(["captchaEnabled", "fields.1", "name", "redirectUrl"]);
  });

  it("should keep one tenant's forms from another", async () => {
    const form = await createForm({ name: "Private" });
    const res = await server.gql(UPSERT, { id: form.id, input: { name: "Taken", fields: [] } }, other.tokens.admin);
    expect(codes(res)).toEqual(["NOT_FOUND"]);
    const theirs = await server.gql(FORMS, {}, other.tokens.admin);
    expect(theirs.data?.captureForms).toEqual([]);
  });
});

describe("the hosted form", () => {
  it("should render an accessible form without JavaScript: labels, a hidden honeypot, the signed render time", async () => {
    const form = await createForm({ name: "Contact us", fields: ["city"] });
    const { status, html, hidden } = await openForm(form.id, "?utm_source=news&utm_campaign=spring");
    expect(status).toBe(200);
    for (const key of ["name", "email", "phone", "companyName", "jobTitle", "city"]) {
      expect(html).toContain(`<label for="ll-${key}">`);
      expect(html).toContain(`id="ll-${key}" name="${key}"`);
    }
    expect(html).toMatch(/class="ll-hp" aria-hidden="true"/);
    expect(html).not.toContain("<script");
    expect(hidden._t).toMatch(/^\d+\./);
    expect(hidden).toMatchObject({ utm_source: "news", utm_campaign: "spring" });
    expect(Buffer.byteLength(html)).toBeLessThan(8_000);
  });

  it("should answer 404 for an inactive or unknown form", async () => {
    const form = await createForm({ name: "Closed", active: false });
    expect((await openForm(form.id)).status).toBe(404);
    expect((await openForm(crypto.randomUUID())).status).toBe(404);
    expect((await openForm("not-an-id")).status).toBe(404);
  });
});

describe("submitting a form", () => {
  it("should create a lead with its attribution, linked to the form and submission, scored and routed", async () => {
    const form = await createForm({ name: "Demo request", fields: ["city"] });
    const queue = await server.gql(
      `mutation($input: QueueInput!) { upsertQueue(input: $input) { id } }`,
      { input: { name: "Web leads", strategy: "ROUND_ROBIN", memberIds: [t.users.rep?.id] } },
      t.tokens.admin,
    );
    const queueId = queue.data?.upsertQueue.id;
    const rules = await server.gql(
      `mutation($rules: [RoutingRuleInput!]!) { setRoutingRules(rules: $rules) { id } }`,
      { rules: [{ formId: form.id, queueId }] },
      t.tokens.admin,
    );
    expect(rules.errors).toBeUndefined();
    const answer = await fillAndSend(
      form.id,
      { name: "Ada Lovelace", email: "ada@analytical.example", jobTitle: "Chief Executive Officer", city: "London" },
      "?utm_source=newsletter&utm_medium=email&utm_campaign=launch",
    );
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/f/${form.id}/thanks`);

    const [row] = await db().select().from(leads).where(eq(leads.email, "ada@analytical.example"));
    const res = await server.gql(LEAD, { id: row?.id }, t.tokens.admin);
    const lead = res.data?.lead;
    expect(lead).toMatchObject({ channel: "FORM", source: "WEBSITE_FORM", queue: { id: queueId } });
    expect(lead.form).toMatchObject({ id: form.id, submissions: 1 });
    expect(lead.attribution).toMatchObject({ utmSource: "newsletter", utmMedium: "email", utmCampaign: "launch" });
    expect(lead.attribution.sourceUrl).toContain(`/f/${form.id}?utm_source=newsletter`);
    expect(lead.attribution.firstTouchAt).toBeTruthy();
    // Scored as the same person entered by hand would be.
    const manual = await server.gql(
      CREATE_LEAD,
      { input: { name: "Ada Twin", email: "twin@example.com", jobTitle: "Chief Executive Officer", source: "MANUAL" } },
      t.tokens.admin,
    );
    expect(lead.score).toBe(manual.data?.createLead.lead.score);
    expect(lead.score).toBeGreaterThan(0);
    const subs = await db().select().from(formSubmissions).where(eq(formSubmissions.leadId, lead.id));
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ formId: form.id, data: { name: "Ada Lovelace", city: "London" } });
  });

  it("should add a later submission by the same person as a touch, never overwriting the first", async () => {
    const form = await createForm({ name: "Newsletter" });
    await fillAndSend(form.id, { name: "Grace Hopper", email: "grace@navy.example" }, "?utm_source=first");
    const again = await fillAndSend(form.id, { name: "Grace H.", email: "GRACE@navy.example" }, "?utm_source=second");
    expect(again.status).toBe(303);
    const rows = await db().select().from(leads).where(eq(leads.email, "grace@navy.example"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.attribution).toMatchObject({ utmSource: "first" });
    const touches = await db()
      .select()
      .from(formSubmissions)
      .where(eq(formSubmissions.leadId, rows[0]?.id ?? ""));
    expect(touches.map((s) => s.attribution.utmSource).sort()).toEqual(["first", "second"]);
    const listed = await server.gql(FORMS, {}, t.tokens.marketer);
    expect(listed.data?.captureForms.find((f: { id: string }) => f.id === form.id).submissions).toBe(2);
  });

  it("should keep a submission for a person whose open lead a rep owns as a new lead, flagged, not refuse it", async () => {
    // The form acts as its author (a marketer), who may see the rep's lead but not change it.
    const owned = await server.gql(
      CREATE_LEAD,
      { input: { name: "Owned Person", source: "CALL", email: "owned@example.com" } },
      t.tokens.rep,
    );
    expect(owned.errors).toBeUndefined();
    const form = await createForm({ name: "Contact us" });
    const answer = await fillAndSend(form.id, { name: "Owned Person", email: "owned@example.com" });
    expect(answer.status).toBe(303);
    const rows = await db().select().from(leads).where(eq(leads.email, "owned@example.com"));
    expect(rows).toHaveLength(2);
    const fromForm = rows.find((r) => r.channel === "FORM");
    expect(fromForm?.formId).toBe(form.id);
    const kept = rows.find((r) => r.channel !== "FORM");
    expect(kept?.ownerId).toBe(t.users.rep?.id);
    expect(kept?.version).toBe(owned.data?.createLead.lead.version ?? 1);
  });

  it("should send the visitor to the form's redirect URL", async () => {
    const form = await createForm({ name: "Redirecting", redirectUrl: "https://example.com/thanks" });
    const answer = await fillAndSend(form.id, { name: "Redirected", email: "r@example.com" });
    expect(answer.location).toBe("https://example.com/thanks");
  });

  it("should re-render the form with each error tied to its field, keep what was typed, and create nothing", async () => {
    const form = await createForm({ name: "Strict" });
    const before = await leadsOfTenant();
    const answer = await fillAndSend(form.id, { name: "No Contact", email: "not-an-email" });
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('id="ll-email" name="email" type="email" value="not-an-email"');
    expect(answer.text).toMatch(/aria-invalid="true" aria-describedby="ll-email-error"/);
    expect(answer.text).toMatch(/<p class="ll-error" id="ll-email-error">/);
    expect(answer.text).toContain('role="alert"');
    expect(await leadsOfTenant()).toBe(before);
  });

  it("should answer API clients that ask for JSON with the API's error shape", async () => {
    const form = await createForm({ name: "Json" });
    const opened = await openForm(form.id);
    await sleep(MIN_FILL_MS + 50);
    const bad = await post(form.id, { ...opened.hidden, name: "" }, { accept: "application/json" });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INVALID_INPUT",
    });
    const good = await post(
      form.id,
      { ...opened.hidden, name: "Json Lead", phone: "+1 415 555 0100" },
      {
        accept: "application/json",
      },
    );
    expect(good.status).toBe(201);
    expect(JSON.parse(good.text)).toEqual({ accepted: true, redirectUrl: null });
  });
});

describe("anti-bot guards", () => {
  it("should refuse a filled honeypot without creating a lead", async () => {
    const form = await createForm({ name: "Honeypot" });
    const before = await leadsOfTenant();
    const answer = await fillAndSend(form.id, {
      name: "Bot",
      email: "bot@spam.example",
      website: "http://spam.example",
    });
    expect(answer.status).toBe(422);
    expect(await leadsOfTenant()).toBe(before);
  });

  it("should refuse a form sent faster than a person types, and a form not rendered by us", async () => {
    const form = await createForm({ name: "Speed" });
    const before = await leadsOfTenant();
    const opened = await openForm(form.id);
    const fast = await post(
      form.id,
      { ...opened.hidden, name: "Fast", email: "fast@example.com" },
      {
        accept: "application/json",
      },
    );
    expect(fast.status).toBe(400);
    expect(JSON.parse(fast.text).errors[0].extensions).toMatchObject({ reason: "SPAM_SUSPECTED", check: "too_fast" });
    const forged = await post(form.id, { _t: `${Date.now() - 60_000}.forged`, name: "Forged", email: "f@example.com" });
    expect(forged.status).toBe(422);
    const none = await post(form.id, { name: "Tokenless", email: "t@example.com" });
    expect(none.status).toBe(422);
    // A token rendered for another form does not carry over.
    const elsewhere = await createForm({ name: "Elsewhere" });
    const theirs = await openForm(elsewhere.id);
    await sleep(MIN_FILL_MS + 50);
    const swapped = await post(form.id, { ...theirs.hidden, name: "Swapped", email: "s@example.com" });
    expect(swapped.status).toBe(422);
    expect(await leadsOfTenant()).toBe(before);
  });

  it("should answer 429 with Retry-After once a client's budget is spent", async () => {
    // Its own server and database: this one's budget is small, and the other tests' submissions must not spend it.
    const limited = await startTestServer({ formGuard: { minFillMs: 0, perIpPerMinute: 2, perFormPerMinute: 100 } });
    try {
      const owner = await createTestTenant(limited, { marketer: ["MARKETEER"] });
      const created = await limited.gql(UPSERT, { input: { name: "Limited", fields: [] } }, owner.tokens.marketer);
      const form = created.data?.upsertCaptureForm;
      const send = async (i: number) => {
        const opened = await fetch(`${limited.url}/f/${form.id}`).then((r) => r.text());
        const token = /name="_t" value="([^"]+)"/.exec(opened)?.[1] ?? "";
        return fetch(`${limited.url}/f/${form.id}`, {
          method: "POST",
          redirect: "manual",
          headers: { accept: "application/json" },
          body: new URLSearchParams({ _t: token, name: `Limited ${i}`, email: `limited${i}@example.com` }),
        });
      };
      expect((await send(1)).status).toBe(201);
      expect((await send(2)).status).toBe(201);
      const third = await send(3);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(JSON.parse(await third.text()).errors[0].extensions).toMatchObject({ reason: "RATE_LIMITED" });
      const [made] = await limited.app.database.db
        .select({ n: count() })
        .from(leads)
        .where(eq(leads.email, "limited3@example.com"));
      expect(Number(made?.n)).toBe(0);
    } finally {
      await limited.stop();
    }
  });
});

describe("reCAPTCHA", () => {
  it("should verify the answer with siteverify, refuse a failed one, and never show or log the secret", async () => {
    const set = await server.gql(
      `mutation($k: String!, $s: String!) { setCaptchaCredential(siteKey: $k, secret: $s) }`,
      { k: "6Lc-site-key", s: CAPTCHA_SECRET },
      t.tokens.admin,
    );
    expect(set.data?.setCaptchaCredential).toBe(true);
    const byMarketer = await server.gql(
      `mutation($k: String!, $s: String!) { setCaptchaCredential(siteKey: $k, secret: $s) }`,
      { k: "x", s: "y" },
      t.tokens.marketer,
    );
    expect(codes(byMarketer)).toEqual(["FORBIDDEN"]);
    const [stored] = await db().select().from(captchaCredentials).where(eq(captchaCredentials.tenantId, t.tenant.id));
    expect(stored?.secretSealed).not.toContain(CAPTCHA_SECRET);

    const form = await createForm({ name: "Captcha", captchaEnabled: true });
    const opened = await openForm(form.id);
    expect(opened.html).toContain('data-sitekey="6Lc-site-key"');
    expect(opened.html).not.toContain(CAPTCHA_SECRET);
    await sleep(MIN_FILL_MS + 50);
    const values = { ...opened.hidden, name: "Captcha Person", email: "captcha@example.com" };

    const missing = await post(form.id, values, { accept: "application/json" });
    expect(JSON.parse(missing.text).errors[0].extensions.reason).toBe("CAPTCHA_FAILED");

    verifyAnswer = { success: false, "error-codes": ["invalid-input-response"] };
    const failed = await post(form.id, { ...values, "g-recaptcha-response": "wrong" });
    expect(failed.status).toBe(422);
    expect(verifyCalls.at(-1)?.get("secret")).toBe(CAPTCHA_SECRET);
    expect(verifyCalls.at(-1)?.get("response")).toBe("wrong");
    const [none] = await db()
      .select({ n: count() })
      .from(leads)
      .where(and(eq(leads.tenantId, t.tenant.id), eq(leads.email, "captcha@example.com")));
    expect(Number(none?.n)).toBe(0);

    verifyAnswer = { success: true, hostname: "localhost" };
    const passed = await post(form.id, { ...values, "g-recaptcha-response": "right" });
    expect(passed.status).toBe(303);

    // No API answer and no log line carries the secret (the log was captured at trace level).
    const answers = await Promise.all([
      server.gql(FORMS, {}, t.tokens.admin),
      server.gql("{ tenant { id name } }", {}, t.tokens.admin),
      fetch(`${server.url}/f/${form.id}/embed`).then((r) => r.text()),
    ]);
    expect(JSON.stringify(answers)).not.toContain(CAPTCHA_SECRET);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(CAPTCHA_SECRET))).toEqual([]);
  });
});

describe("the admin screen's operations", () => {
  const SET_KEYS = `mutation($k: String!, $s: String!) { setCaptchaCredential(siteKey: $k, secret: $s) }`;
  const KEYS = "{ captchaCredential { siteKey secretSet updatedAt } }";
  const CLEAR_KEYS = "mutation { clearCaptchaCredential }";
  const PREVIEW = `query($input: CaptureFormInput!) { captureFormPreview(input: $input) { formHtml thanksHtml } }`;
  const storedKeys = async (tenantId: string) =>
    db().select().from(captchaCredentials).where(eq(captchaCredentials.tenantId, tenantId));

  it("should show the captcha keys as set without the secret, and let only admins clear them", async () => {
    const u = await createTestTenant(server, { admin: ["ADMIN"], marketer: ["MARKETEER"], rep: ["SALES"] });
    expect((await server.gql(KEYS, {}, u.tokens.admin)).data?.captchaCredential).toBeNull();
    expect((await server.gql(CLEAR_KEYS, {}, u.tokens.admin)).data?.clearCaptchaCredential).toBe(false);
    await server.gql(SET_KEYS, { k: "6Lc-site", s: CAPTCHA_SECRET }, u.tokens.admin);
    const shown = await server.gql(KEYS, {}, u.tokens.marketer);
    expect(shown.data?.captchaCredential).toMatchObject({ siteKey: "6Lc-site", secretSet: true });
    expect(JSON.stringify(shown)).not.toContain(CAPTCHA_SECRET);
    expect(codes(await server.gql(KEYS, {}, u.tokens.rep))).toEqual(["FORBIDDEN"]);

    // Nobody but an admin clears them; the keys stay as they were.
    for (const who of ["marketer", "rep"]) {
      expect(codes(await server.gql(CLEAR_KEYS, {}, u.tokens[who]))).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(SET_KEYS, { k: "x", s: "y" }, u.tokens[who]))).toEqual(["FORBIDDEN"]);
    }
    const [kept] = await storedKeys(u.tenant.id);
    expect(kept?.siteKey).toBe("6Lc-site");

    // Not while a form asks for the captcha: its submissions could not be checked.
    const form = await createForm({ name: "Guarded", captchaEnabled: true }, u.tokens.marketer);
    const refused = await server.gql(CLEAR_KEYS, {}, u.tokens.admin);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: "INVALID_STATE", forms: ["Guarded"] });
    expect(await storedKeys(u.tenant.id)).toHaveLength(1);

    const off = await server.gql(
      UPSERT,
      { id: form.id, input: { name: "Guarded", fields: [], captchaEnabled: false } },
      u.tokens.marketer,
    );
    expect(off.data?.upsertCaptureForm.captchaEnabled).toBe(false);
    expect((await server.gql(CLEAR_KEYS, {}, u.tokens.admin)).data?.clearCaptchaCredential).toBe(true);
    expect((await server.gql(KEYS, {}, u.tokens.admin)).data?.captchaCredential).toBeNull();
    expect(await storedKeys(u.tenant.id)).toEqual([]);
    // And a form cannot ask for a captcha that is not set up.
    const again = await server.gql(
      UPSERT,
      { id: form.id, input: { name: "Guarded", fields: [], captchaEnabled: true } },
      u.tokens.marketer,
    );
    expect(fieldsOf(again)).toEqual(["captchaEnabled"]);
  });

  it("should keep a thank-you message and show it after sending, on the hosted page and in the embed", async () => {
    const form = await createForm({
      name: "Thanks",
      thankYouMessage: "  Thanks <b>a lot</b>!\n\nWe call back within a day.  ",
    });
    expect(form.id).toBeTruthy();
    const listed = await server.gql("{ captureForms { id thankYouMessage } }", {}, t.tokens.marketer);
    expect(listed.data?.captureForms.find((f: { id: string }) => f.id === form.id)).toEqual({
      id: form.id,
      thankYouMessage: "Thanks <b>a lot</b>!\n\nWe call back within a day.",
    });
    const hosted = await fillAndSend(form.id, { name: "Thanked", email: "thanked@example.com" });
    expect(hosted.location).toBe(`/f/${form.id}/thanks`);
    const thanks = await (await fetch(`${server.url}${hosted.location}`)).text();
    expect(thanks).toContain("<p>Thanks &lt;b&gt;a lot&lt;/b&gt;!</p><p>We call back within a day.</p>");

    const opened = await openForm(form.id);
    await sleep(MIN_FILL_MS + 50);
    const embedded = await fetch(`${server.url}/f/${form.id}?embed=1`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...opened.hidden, name: "Embedded", email: "thanked.embed@example.com" }),
    });
    expect(embedded.status).toBe(201);
    expect(await embedded.text()).toContain("We call back within a day.");

    const tooLong = await server.gql(
      UPSERT,
      { input: { name: "Long", fields: [], thankYouMessage: "x".repeat(1_001) } },
      t.tokens.marketer,
    );
    expect(fieldsOf(tooLong)).toEqual(["thankYouMessage"]);
  });

  it("should preview a form from unsaved settings with the hosted page's markup, storing nothing", async () => {
    const u = await createTestTenant(server, { admin: ["ADMIN"], marketer: ["MARKETEER"], rep: ["SALES"] });
    const input = {
      name: "Demo <request>",
      fields: ["city", "description", "notAField"],
      captchaEnabled: true,
      thankYouMessage: "See you soon.",
    };
    const res = await server.gql(PREVIEW, { input }, u.tokens.marketer);
    expect(res.errors).toBeUndefined();
    const { formHtml, thanksHtml } = (res.data?.captureFormPreview ?? {}) as { formHtml: string; thanksHtml: string };
    expect(formHtml).toContain("<title>Demo &lt;request&gt;</title>");
    expect(formHtml).toContain('aria-label="Demo &lt;request&gt;"');
    for (const label of ["Name (required)", "Email", "Phone", "Job title", "City", "Description"]) {
      expect(formHtml).toContain(`>${label}</label>`);
    }
    expect(formHtml).not.toContain("notAField");
    // A preview runs no scripts: the captcha is drawn in its place.
    expect(formHtml).toContain("reCAPTCHA check");
    expect(formHtml).not.toContain("<script");
    expect(thanksHtml).toContain("<p>See you soon.</p>");
    expect((await server.gql(FORMS, {}, u.tokens.marketer)).data?.captureForms).toEqual([]);
    expect(codes(await server.gql(PREVIEW, { input }, u.tokens.rep))).toEqual(["FORBIDDEN"]);
  });

  it("should name the form's queue, for the editor to show it", async () => {
    const queue = await server.gql(
      `mutation($input: QueueInput!) { upsertQueue(input: $input) { id } }`,
      { input: { name: "Form leads", strategy: "ROUND_ROBIN", memberIds: [] } },
      t.tokens.admin,
    );
    const queueId = queue.data?.upsertQueue.id;
    const form = await createForm({ name: "Queued", queueId });
    const listed = await server.gql("{ captureForms { id queue { id name } } }", {}, t.tokens.marketer);
    expect(listed.data?.captureForms.find((f: { id: string }) => f.id === form.id)?.queue).toEqual({
      id: queueId,
      name: "Form leads",
    });
  });

  it("should refuse every form operation to a rep, changing nothing", async () => {
    const form = await createForm({ name: "Untouchable", fields: ["city"] });
    const attempts = [
      server.gql(UPSERT, { id: form.id, input: { name: "Taken over", fields: [] } }, t.tokens.rep),
      server.gql(UPSERT, { input: { name: "New by rep", fields: [] } }, t.tokens.rep),
      server.gql(FORMS, {}, t.tokens.rep),
      server.gql(KEYS, {}, t.tokens.rep),
      server.gql(CLEAR_KEYS, {}, t.tokens.rep),
      server.gql(SET_KEYS, { k: "x", s: "y" }, t.tokens.rep),
      server.gql(PREVIEW, { input: { name: "x", fields: [] } }, t.tokens.rep),
    ];
    for (const res of await Promise.all(attempts)) expect(codes(res)).toEqual(["FORBIDDEN"]);
    const listed = await server.gql(FORMS, {}, t.tokens.admin);
    const names = listed.data?.captureForms.map((f: { name: string }) => f.name);
    expect(names).toContain("Untouchable");
    expect(names).not.toContain("Taken over");
    expect(names).not.toContain("New by rep");
  });
});
