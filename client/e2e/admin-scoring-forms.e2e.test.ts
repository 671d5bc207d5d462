import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { DESKTOP, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * Issue 16's scoring rules and capture forms screens in a real browser on
 * the demo tenant: a ruleset with errors is refused with each path and line
 * and nothing saved; a sample lead previewed and a valid change saved; a
 * form made in the app, submitted by a visitor with UTM parameters, and the
 * lead live on an open board with its attribution; and the gate a rep meets,
 * in the app and at the API.
 */
const app = setUpE2eApp();
/** The hosted form refuses a submission sent sooner than a person types (3 s after it was shown). */
const FILL_TIME_MS = 3_300;

async function signedIn(path: string, email: string, viewport = DESKTOP): Promise<Page> {
  const page = await app.openApp({ path, viewport });
  await app.signIn(page, email);
  return page;
}

const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

/** A GraphQL call as `token`, answering the error codes too (the harness's client throws on errors). */
async function raw(token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  return { data: body.data, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
}

const RULES = "{ scoringRules }";

it("should refuse scoring rules with errors, naming each path and line, and save nothing", async () => {
  const admin = await app.api("admin@demo.test");
  const before = (await admin.request(RULES)).scoringRules;
  const page = await signedIn("/settings", "admin@demo.test");
  await page.getByRole("link", { name: "Scoring rules" }).click();
  await heading(page, "Scoring rules").waitFor();
  const editor = page.getByRole("textbox", { name: "Ruleset (JSON)" });
  await expect.poll(() => editor.inputValue()).toContain('"page_view"');
  expect(JSON.parse(await editor.inputValue())).toEqual(before);

  // Two bad values: the list names each path, and the line it is on in the text typed.
  const bad = structuredClone(before);
  bad.weights.page_view.points = -5;
  bad.bands.hot = 95;
  const text = JSON.stringify(bad, null, 2);
  const lineOf = (needle: string, after = 0) =>
    text.split("\n").findIndex((line, i) => i >= after && line.includes(needle)) + 1;
  const pointsLine = lineOf('"points": -5');
  const hotLine = lineOf('"hot": 95');
  await editor.fill(text);
  await page.getByRole("button", { name: "Save rules" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "Not saved" });
  await problems.waitFor();
  await expect(problems.textContent()).resolves.toContain("Not saved: 2 problems in the rules.");
  const items = problems.getByRole("listitem");
  await expect(items.allTextContents()).resolves.toEqual(
    expect.arrayContaining([
      `Line ${pointsLine} weights.page_view.points must be a number from 0 to 100`,
      `Line ${hotLine} bands.hot must be between warm (40) and champion (90)`,
    ]),
  );
  await expect(editor.getAttribute("aria-invalid")).resolves.toBe("true");
  // A line's button puts the caret on it, selected.
  await problems.getByRole("button", { name: `Line ${pointsLine}` }).click();
  const selected = await editor.evaluate((el: HTMLTextAreaElement) =>
    el.value.slice(el.selectionStart, el.selectionEnd),
  );
  expect(selected).toContain('"points": -5');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshots, "admin-scoring-errors-desktop.png"), fullPage: true });
  expect((await admin.request(RULES)).scoringRules).toEqual(before);

  // Broken JSON (a trailing comma) is refused before anything is sent, at its line.
  const broken = text.replace('"warm": 40', '"warm": 40,');
  const closingLine = lineOf('"warm": 40') + 1;
  await editor.fill(broken);
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect
    .poll(() => problems.textContent())
    .toMatch(new RegExp(`Line ${closingLine} Expected another member after the comma`));
  expect((await admin.request(RULES)).scoringRules).toEqual(before);

  // Fixed, previewed on a sample lead (the default sample: a VP, 3 page views, a pricing view 2 days ago).
  const good = structuredClone(before);
  good.weights.page_view.points = 4;
  delete good.titleKeywords.manager;
  await editor.fill(JSON.stringify(good, null, 2));
  await page.getByRole("button", { name: "Preview score" }).click();
  const result = page.getByRole("status", { name: "Preview result" });
  await result.waitFor();
  // 3 × 4 + 10 × ½^(2/30) + 15 (vp) = 36.5 → 37.
  await expect.poll(() => result.textContent()).toContain("Score37");
  await expect(result.getByRole("list", { name: "Reasons" }).textContent()).resolves.toContain("3 page_view events");
  await expect(result.textContent()).resolves.toContain("With the rules in the editor, not saved.");
  await expect(problems.count()).resolves.toBe(0);
  expect((await admin.request(RULES)).scoringRules).toEqual(before);

  // Saved: what the editor shows is what applies, a removed default entry included.
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect.poll(() => page.getByText("Scoring rules saved").isVisible()).toBe(true);
  const after = (await admin.request(RULES)).scoringRules;
  expect(after).toEqual(good);
  expect(after.titleKeywords.manager).toBeUndefined();
  await expect.poll(async () => JSON.parse(await editor.inputValue())).toEqual(good);
  await expect(page.getByText("Unsaved changes").count()).resolves.toBe(0);
});

it("should let an admin create a capture form a visitor submits with UTM parameters, the lead live on an open board with its attribution", async () => {
  const name = "Spring demo day";
  const forms = await signedIn("/admin/forms", "admin@demo.test");
  await forms.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await heading(forms, "Capture forms").waitFor();
  await forms.getByRole("button", { name: "New form" }).click();
  await forms.getByLabel("Form name").fill(name);
  await forms.getByRole("group", { name: "Fields" }).getByLabel("City").check();
  await forms.getByRole("textbox", { name: "Thank-you message" }).fill("Thanks! We will call you within a day.");

  // The live preview is the server's own page for these settings, redrawn as they change.
  const preview = forms.frameLocator('iframe[title="The form as a visitor sees it"]');
  await expect.poll(() => preview.getByRole("heading", { name }).count()).toBe(1);
  await expect.poll(() => preview.getByLabel("City").count()).toBe(1);
  await forms.getByRole("button", { name: "After sending" }).click();
  const thanks = forms.frameLocator('iframe[title="The page after sending"]');
  await expect.poll(() => thanks.getByText("We will call you within a day.").count()).toBe(1);
  await forms.getByRole("button", { name: "Form", exact: true }).click();

  await forms.getByRole("button", { name: "Create form" }).click();
  const share = forms.getByRole("region", { name: `Share “${name}”` });
  await share.waitFor();
  const hostedUrl = await share.getByLabel("Hosted page").inputValue();
  expect(hostedUrl).toMatch(/\/f\/[0-9a-f-]{36}$/);
  await share.getByRole("button", { name: "Copy link" }).click();
  await expect.poll(() => forms.evaluate(() => navigator.clipboard.readText())).toBe(hostedUrl);
  await share.getByRole("button", { name: "Copy snippet" }).click();
  await expect
    .poll(() => forms.evaluate(() => navigator.clipboard.readText()))
    .toMatch(/^<script src="[^"]+\/embed\.js" data-form="[0-9a-f-]{36}" async><\/script>$/);
  const row = forms.getByRole("listitem", { name });
  await expect.poll(() => row.getByText("0 submissions").isVisible()).toBe(true);

  // The board is open in another browser before the visitor arrives.
  const board = await signedIn("/board", "admin@demo.test");
  await board.getByTestId("board").waitFor();
  // Let its live subscriptions start.
  await board.waitForTimeout(1_000);

  // The visitor follows a newsletter link: the hosted page, with the campaign's UTM parameters.
  const visitorUrl = `${app.baseUrl}${new URL(hostedUrl).pathname}?utm_source=newsletter&utm_medium=email&utm_campaign=spring-demo`;
  const visitor = await app.openApp({ url: visitorUrl });
  await visitor.getByLabel("Name (required)").fill("Vera Visitor");
  await visitor.getByLabel("Email", { exact: true }).fill("vera.visitor@example.org");
  await visitor.getByLabel("Job title").fill("Head of Operations");
  await visitor.getByLabel("City").fill("Porto");
  await visitor.waitForTimeout(FILL_TIME_MS);
  await visitor.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => visitor.getByRole("status").textContent()).toContain("We will call you within a day.");

  // The card arrives on the open board without a reload, on top of New.
  const card = board.locator('section[data-status="new"] [data-lead-id]').filter({ hasText: "Vera Visitor" });
  await card.waitFor({ timeout: 5_000 });
  await card.getByRole("link", { name: "Vera Visitor" }).click();
  const attribution = board.getByRole("region", { name: "Attribution" });
  await attribution.waitFor();
  const shown = await attribution.textContent();
  for (const value of ["newsletter", "email", "spring-demo", visitorUrl]) expect(shown).toContain(value);

  await forms.reload();
  await expect.poll(() => row.getByText("1 submission", { exact: true }).isVisible()).toBe(true);
});

it("should show a rep who opens these admin URLs that they are not allowed, and refuse every operation behind them at the API", async () => {
  for (const path of ["/admin/scoring", "/admin/forms"]) {
    const rep = await signedIn(path, "rep2@demo.test");
    await heading(rep, "Not allowed").waitFor();
    await expect(
      rep.getByRole("button", { name: /Save rules|Preview score|New form|Save keys/ }).count(),
    ).resolves.toBe(0);
    await expect(rep.getByRole("textbox", { name: "Ruleset (JSON)" }).count()).resolves.toBe(0);
    await rep.context().close();
  }
  const settings = await signedIn("/settings", "rep2@demo.test");
  await heading(settings, "Workspace settings").waitFor();
  await expect(settings.getByRole("link", { name: /Scoring rules|Capture forms/ }).count()).resolves.toBe(0);

  const admin = await app.api("admin@demo.test");
  const rep = await app.api("rep2@demo.test");
  const rulesBefore = (await admin.request(RULES)).scoringRules;
  const formsBefore = (await admin.request("{ captureForms { id name } }")).captureForms;
  const keysBefore = (await admin.request("{ captchaCredential { siteKey } }")).captchaCredential;
  const formId = formsBefore[0]?.id ?? "00000000-0000-4000-8000-000000000000";
  const input = { name: "Rep's form", fields: [] };
  const operations: [string, Record<string, unknown>][] = [
    ["mutation($r: JSON!) { setScoringRules(rules: $r) }", { r: { bands: { hot: 80 } } }],
    [
      "query($r: JSON!, $l: ScorePreviewLeadInput!) { previewScore(rules: $r, lead: $l) { score } }",
      { r: {}, l: { jobTitle: "CEO" } },
    ],
    ["{ captureForms { id } }", {}],
    ["mutation($i: CaptureFormInput!) { upsertCaptureForm(input: $i) { id } }", { i: input }],
    [
      "mutation($id: ID, $i: CaptureFormInput!) { upsertCaptureForm(id: $id, input: $i) { id } }",
      { id: formId, i: input },
    ],
    ["query($i: CaptureFormInput!) { captureFormPreview(input: $i) { formHtml } }", { i: input }],
    ["{ captchaCredential { siteKey } }", {}],
    ['mutation { setCaptchaCredential(siteKey: "site", secret: "secret") }', {}],
    ["mutation { clearCaptchaCredential }", {}],
  ];
  for (const [query, variables] of operations) {
    expect([query, (await raw(rep.token, query, variables)).codes]).toEqual([query, ["FORBIDDEN"]]);
  }
  expect((await admin.request(RULES)).scoringRules).toEqual(rulesBefore);
  expect((await admin.request("{ captureForms { id name } }")).captureForms).toEqual(formsBefore);
  expect((await admin.request("{ captchaCredential { siteKey } }")).captchaCredential).toEqual(keysBefore);

  // A marketer manages forms but not the scoring rules.
  const marketer = await signedIn("/admin/scoring", "marketeer@demo.test");
  await heading(marketer, "Not allowed").waitFor();
  await marketer.goto(`${app.baseUrl}/admin/forms`);
  await heading(marketer, "Capture forms").waitFor();
  await expect(marketer.getByRole("button", { name: "Save keys" }).count()).resolves.toBe(0);
});

it("should photograph the scoring rules and capture forms screens, desktop and 375 px", async () => {
  const admin = await app.api("admin@demo.test");
  await admin.request(`mutation($i: CaptureFormInput!) { upsertCaptureForm(input: $i) { id } }`, {
    i: { name: "Newsletter sign-up", fields: ["city"], thankYouMessage: "Welcome aboard!" },
  });
  await admin.request(
    'mutation { setCaptchaCredential(siteKey: "6LcExampleSiteKey0000000000000000000000", secret: "s3cret") }',
  );
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["375", PHONE],
  ] as const) {
    const scoring = await signedIn("/admin/scoring", "admin@demo.test", viewport);
    const editor = scoring.getByRole("textbox", { name: "Ruleset (JSON)" });
    await expect.poll(() => editor.inputValue()).toContain('"page_view"');
    // A change previewed, then one too many: the picture has a result and a refusal with its line.
    const rules = JSON.parse(await editor.inputValue());
    rules.titleKeywords["revenue operations"] = 18;
    await editor.fill(JSON.stringify(rules, null, 2));
    await scoring.getByLabel("Job title").fill("Head of Revenue Operations");
    await scoring.getByRole("button", { name: "Preview score" }).click();
    await scoring.getByRole("status", { name: "Preview result" }).waitFor();
    rules.weights.page_view.points = 250;
    await editor.fill(JSON.stringify(rules, null, 2));
    await scoring.getByRole("button", { name: "Save rules" }).click();
    const refusal = scoring.getByRole("alert").filter({ hasText: "Not saved" });
    await refusal.getByRole("button", { name: /^Line \d+$/ }).click();
    await scoring.evaluate(() => window.scrollTo(0, 0));
    await scoring.waitForTimeout(300);
    await scoring.screenshot({ path: join(screenshots, `admin-scoring-${size}.png`), fullPage: true });
    const width = await scoring.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(viewport.width);
    await scoring.context().close();

    const forms = await signedIn("/admin/forms", "admin@demo.test", viewport);
    await forms.getByRole("listitem", { name: "Newsletter sign-up" }).getByRole("button", { name: /Edit/ }).click();
    await forms.frameLocator('iframe[title="The form as a visitor sees it"]').getByLabel("City").waitFor();
    await forms.evaluate(() => window.scrollTo(0, 0));
    await forms.waitForTimeout(500);
    await forms.screenshot({ path: join(screenshots, `admin-forms-${size}.png`), fullPage: true });
    expect(await forms.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await forms.context().close();
  }
});
