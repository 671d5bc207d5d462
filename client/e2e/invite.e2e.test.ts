import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { type ApiUser, screenshots, setUpE2eApp } from "./harness.js";

/**
 * Seed 000's journey on the embedded default: a request for a customer who
 * has no account sends an invitation (it lands in the development mailbox),
 * the customer opens its link and registers, and the request leaves
 * `pending` for `backlog` on the manager's open board, live.
 */
const app = setUpE2eApp();
let manager: ApiUser;
let pipelineId: string;
let leadId: string;

const card = (page: Page, status: string, id: string) =>
  page.locator(`section[data-status="${status}"] [data-lead-id="${id}"]`);

beforeAll(async () => {
  const admin = await app.api("admin@demo.test");
  manager = await app.api("manager@demo.test");
  const created = await admin.request(
    `mutation { createPipeline(preset: "service_journey", name: "Customer requests") { id } }`,
  );
  pipelineId = created.createPipeline.id;
  const lead = await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id status } } }`,
    {
      input: {
        name: "Fix the gate",
        source: "MANUAL",
        email: "cara.customer@example.org",
        customerEmail: "cara.customer@example.org",
        pipelineId,
      },
    },
  );
  leadId = lead.createLead.lead.id;
  expect(lead.createLead.lead.status).toBe("pending");
});

it("should take the customer from the invitation in the mailbox to their account, and move the request live", async () => {
  const board = await app.openApp({ path: `/board?pipeline=${pipelineId}` });
  await app.signIn(board, "manager@demo.test");
  await board.getByTestId("board").waitFor();
  await expect.poll(() => card(board, "pending", leadId).isVisible()).toBe(true);

  // The invitation as the customer received it.
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const { devMailbox } = await manager.request("{ devMailbox { to text } }");
        const mail = devMailbox.find((m: { to: string[] }) => m.to.includes("cara.customer@example.org"));
        link = /https?:\/\/\S+\/invite\/\S+/.exec(mail?.text ?? "")?.[0];
        return link;
      },
      { timeout: 15_000 },
    )
    .toBeTruthy();

  const customer = await app.openApp({ url: link as string });
  await customer.getByLabel("Your name").fill("Cara Customer");
  await customer.getByLabel("Choose a password").fill("a long enough password");
  await customer.screenshot({ path: join(screenshots, "invite.png") });
  await customer.getByRole("button", { name: "Create account" }).click();
  // Signed in, on their requests.
  await expect.poll(() => customer.getByText("Fix the gate").first().isVisible(), { timeout: 15_000 }).toBe(true);

  await expect.poll(() => card(board, "backlog", leadId).isVisible(), { timeout: 10_000 }).toBe(true);
});
