import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiUser, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * Capture forms in a real browser, as a visitor meets them: embedded on a
 * page of another origin (a second local HTTP server), and hosted by
 * Leadline with JavaScript switched off. The server runs with its real
 * guards, so the visitor takes longer than the minimum fill time (3 s).
 */
const app = setUpE2eApp();
const FILL_TIME_MS = 3_300;
let marketer: ApiUser;
let admin: ApiUser;
let formId: string;
let queueId: string;
let landing: Server;
let landingOrigin: string;

const LEAD_BY_EMAIL = `query($q: String) { leads(filter: { search: $q }, first: 5) { edges { node {
  id channel source score email queue { id } form { id submissions }
  attribution { utmSource utmMedium utmCampaign sourceUrl referrer firstTouchAt } } } } }`;

beforeAll(async () => {
  marketer = await app.api("marketeer@demo.test");
  admin = await app.api("admin@demo.test");
  const queue = await admin.request(`mutation($input: QueueInput!) { upsertQueue(input: $input) { id } }`, {
    input: { name: "Website enquiries", strategy: "ROUND_ROBIN", memberIds: [] },
  });
  queueId = queue.upsertQueue.id;
  const form = await marketer.request(
    `mutation($input: CaptureFormInput!) { upsertCaptureForm(input: $input) { id embedSnippet } }`,
    { input: { name: "Talk to sales", fields: ["city"], queueId } },
  );
  formId = form.upsertCaptureForm.id;
  const snippet: string = form.upsertCaptureForm.embedSnippet;
  // The host page is the vendor's website: another origin, which only includes our script.
  const script = snippet.replace(/src="[^"]*\/embed\.js"/, `src="${app.baseUrl}/embed.js"`);
  landing = createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(
      `<!doctype html><html lang="en"><head><title>Acme pricing</title></head><body><main><h1>Acme pricing</h1>${script}</main></body></html>`,
    );
  });
  await new Promise<void>((resolve) => landing.listen(0, "127.0.0.1", resolve));
  landingOrigin = `http://localhost:${(landing.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => landing?.close(resolve)));

async function leadOf(email: string) {
  const data = await admin.request(LEAD_BY_EMAIL, { q: email });
  return data.leads.edges.map((e: { node: Record<string, any> }) => e.node).find((n: any) => n.email === email);
}

describe("capture forms in a browser", () => {
  it("should submit through the embed on another origin with the host page's URL and UTM parameters", async () => {
    const hostUrl = `${landingOrigin}/pricing?utm_source=adwords&utm_medium=cpc&utm_campaign=winter`;
    const page = await app.openApp({ url: hostUrl });
    const form = page.getByRole("form", { name: "Talk to sales" });
    // The embed script fetches the form after the host page loads: wait for it rather than look once.
    await form.getByLabel("Name (required)").waitFor({ state: "visible" });
    await page.screenshot({ path: join(screenshots, "capture-form-embed.png"), fullPage: true });
    await form.getByLabel("Name (required)").fill("Embedded Visitor");
    await form.getByLabel("Email", { exact: true }).fill("embedded.visitor@example.org");
    await form.getByLabel("Job title").fill("Head of Sales");
    await form.getByLabel("City").fill("Lisbon");
    await page.waitForTimeout(FILL_TIME_MS);
    await form.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Thank you");
    expect(page.url()).toBe(hostUrl);

    const lead = await leadOf("embedded.visitor@example.org");
    expect(lead).toMatchObject({ channel: "FORM", source: "WEBSITE_FORM", queue: { id: queueId } });
    expect(lead.form.id).toBe(formId);
    expect(lead.attribution).toMatchObject({ utmSource: "adwords", utmMedium: "cpc", utmCampaign: "winter" });
    expect(lead.attribution.sourceUrl).toBe(hostUrl);
    expect(lead.attribution.firstTouchAt).toBeTruthy();
    expect(typeof lead.score).toBe("number");
  });

  it("should work with JavaScript disabled on the hosted page, errors tied to their fields", async () => {
    const page = await app.openApp({ path: `/f/${formId}?utm_source=flyer`, javaScriptEnabled: false });
    await page.getByLabel("Name (required)").fill("No Script Visitor");
    await page.getByLabel("Email", { exact: true }).fill("not an email");
    await page.waitForTimeout(FILL_TIME_MS);
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Please correct");
    const email = page.getByLabel("Email", { exact: true });
    await expect(email.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(email.inputValue()).resolves.toBe("not an email");
    await page.screenshot({ path: join(screenshots, "capture-form-errors.png"), fullPage: true });
    // The refusal is answered 422 with the form re-rendered; Chromium logs any 4xx document as a console error.
    expect(app.pageProblems.splice(0)).toEqual([
      "console.error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
    ]);

    await email.fill("no.script@example.org");
    await page.waitForTimeout(FILL_TIME_MS);
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Thank you");
    expect(new URL(page.url()).pathname).toBe(`/f/${formId}/thanks`);

    const lead = await leadOf("no.script@example.org");
    expect(lead).toMatchObject({ channel: "FORM", queue: { id: queueId }, form: { id: formId } });
    expect(lead.attribution.utmSource).toBe("flyer");
    expect(lead.form.submissions).toBeGreaterThanOrEqual(1);
  });

  it("should fit a phone screen", async () => {
    const page = await app.openApp({ path: `/f/${formId}`, viewport: PHONE, javaScriptEnabled: false });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(screenshots, "capture-form-phone.png"), fullPage: true });
  });
});
