import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { files } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";
import { MAX_UPLOAD_BYTES } from "./file.service.js";
import { download, EXE, PDF, PNG, upload } from "./upload.testkit.js";

let server: TestServer;
let uploadDir: string;
let t: TestTenant;
let other: TestTenant;

const LEAD_FILES = "query($id: ID) { lead(id: $id) { id attachments { url name fileType size } } }";

/** Every stored file under the upload folder (tenant folders hold them). */
const storedFiles = () =>
  readdirSync(uploadDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
const fileRows = () => server.app.database.db.select().from(files);

async function createLead(token: string | undefined, extra: Record<string, unknown> = {}) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Boiler repair", source: "EVENT", email: `c${Math.random()}@example.com`, ...extra } },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createLead.lead as { id: string; attachments: { name: string; size: number }[] };
}

beforeAll(async () => {
  uploadDir = mkdtempSync(join(tmpdir(), "leadline-uploads-"));
  server = await startTestServer({ uploadDir });
  t = await createTestTenant(server, {
    manager: ["MANAGER"],
    rep1: ["SALES"],
    rep2: ["SALES"],
    marketeer: ["MARKETEER"],
  });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(async () => {
  await server?.stop();
  rmSync(uploadDir, { recursive: true, force: true });
});

describe("uploads", () => {
  it("stores a photo for the lead and serves the same bytes back with its type", async () => {
    const lead = await createLead(t.tokens.rep1);
    const bytes = PNG(5_000);
    const res = await upload(server, t.tokens.rep1, bytes, { leadId: lead.id, name: "boiler.png", type: "image/png" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      url: `/files/${res.body.id}`,
      name: "boiler.png",
      fileType: "image/png",
      size: 5_000,
    });
    const got = await download(server, t.tokens.rep1, res.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-disposition")).toBe(`inline; filename="boiler.png"; filename*=UTF-8''boiler.png`);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("judges the type by content: an executable renamed .png is refused with 415 and nothing is kept", async () => {
    const lead = await createLead(t.tokens.rep1);
    const before = { stored: storedFiles().length, rows: (await fileRows()).length };
    const res = await upload(server, t.tokens.rep1, EXE(), { leadId: lead.id, name: "photo.png", type: "image/png" });
    expect(res.status).toBe(415);
    expect(res.body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe("file");
    expect(storedFiles()).toHaveLength(before.stored);
    expect(await fileRows()).toHaveLength(before.rows);
  });

  it("keeps a real image sent under a program's name, with an extension that says what it is", async () => {
    const lead = await createLead(t.tokens.rep1);
    const res = await upload(server, t.tokens.rep1, PNG(), {
      leadId: lead.id,
      name: "setup.exe",
      type: "application/x-msdownload",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "setup.exe.png", fileType: "image/png" });
  });

  it("serves a PDF as a download with a safe non-ASCII file name", async () => {
    const lead = await createLead(t.tokens.rep1);
    const res = await upload(server, t.tokens.rep1, PDF(), { leadId: lead.id, name: "Счёт 1.pdf" });
    expect(res.status).toBe(201);
    const got = await download(server, t.tokens.rep1, res.body.url);
    expect(got.headers.get("content-type")).toBe("application/pdf");
    expect(got.headers.get("content-disposition")).toBe(
      "attachment; filename=\"____ 1.pdf\"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%201.pdf",
    );
  });

  it("refuses a file over 10 MB with 413 and stores nothing", async () => {
    const lead = await createLead(t.tokens.rep1);
    const before = { stored: storedFiles().length, rows: (await fileRows()).length };
    const res = await upload(server, t.tokens.rep1, PNG(MAX_UPLOAD_BYTES + 1), { leadId: lead.id, name: "big.png" });
    expect(res.status).toBe(413);
    expect(storedFiles()).toHaveLength(before.stored);
    expect(await fileRows()).toHaveLength(before.rows);
  });

  it("refuses an oversized file sent without a length, counting the bytes as they arrive", async () => {
    const lead = await createLead(t.tokens.rep1);
    const before = { stored: storedFiles().length, rows: (await fileRows()).length };
    const boundary = "leadlineboundary";
    const parts = [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n\r\n`),
      PNG(MAX_UPLOAD_BYTES + 100_000),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    const body = new ReadableStream({
      start(controller) {
        for (const part of parts) {
          for (let i = 0; i < part.length; i += 256 * 1024) controller.enqueue(part.subarray(i, i + 256 * 1024));
        }
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/uploads?leadId=${lead.id}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${t.tokens.rep1}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(storedFiles()).toHaveLength(before.stored);
    expect(await fileRows()).toHaveLength(before.rows);
  });

  it("leaves nothing behind when the client gives up mid-upload", async () => {
    const lead = await createLead(t.tokens.rep1);
    const before = { stored: storedFiles().length, rows: (await fileRows()).length };
    const boundary = "leadlineboundary";
    const req = request(`${server.url}/uploads?leadId=${lead.id}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${t.tokens.rep1}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
    });
    req.on("error", () => {});
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.png"\r\n\r\n`);
    req.write(PNG(200_000));
    await new Promise((r) => setTimeout(r, 300));
    req.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(storedFiles()).toHaveLength(before.stored);
    expect(await fileRows()).toHaveLength(before.rows);
  });

  it("asks for a sign-in, and refuses a lead the uploader cannot see (404) or may not work (403)", async () => {
    const own = await createLead(t.tokens.rep1);
    const pool = await createLead(t.tokens.manager);
    expect((await upload(server, undefined, PNG(), { leadId: own.id })).status).toBe(401);
    expect((await upload(server, t.tokens.rep2, PNG(), { leadId: own.id })).status).toBe(404);
    expect((await upload(server, other.tokens.manager, PNG(), { leadId: own.id })).status).toBe(404);
    expect((await upload(server, t.tokens.rep2, PNG(), { leadId: pool.id })).status).toBe(403);
    expect((await upload(server, t.tokens.marketeer, PNG(), { leadId: own.id })).status).toBe(403);
  });

  it("answers 400 when the multipart body has no field named file", async () => {
    const lead = await createLead(t.tokens.rep1);
    const form = new FormData();
    form.append("photo", new Blob([new Uint8Array(PNG())]), "a.png");
    const res = await fetch(`${server.url}/uploads?leadId=${lead.id}`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.tokens.rep1}` },
      body: form,
    });
    expect(res.status).toBe(400);
  });
});

describe("downloads", () => {
  it("serve a file only to those who may see its lead: 404 for another rep and another tenant", async () => {
    const lead = await createLead(t.tokens.rep1);
    const { body } = await upload(server, t.tokens.rep1, PNG(), { leadId: lead.id, name: "a.png" });
    expect((await download(server, t.tokens.manager, body.url)).status).toBe(200);
    expect((await download(server, t.tokens.marketeer, body.url)).status).toBe(200);
    const rep2 = await download(server, t.tokens.rep2, body.url);
    expect(rep2.status).toBe(404);
    expect(((await rep2.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      "NOT_FOUND",
    );
    expect((await download(server, other.tokens.manager, body.url)).status).toBe(404);
  });

  it("answer a missing file exactly like a forbidden one, and ask for a sign-in first", async () => {
    const lead = await createLead(t.tokens.rep1);
    const { body } = await upload(server, t.tokens.rep1, PNG(), { leadId: lead.id });
    const missing = await download(server, t.tokens.rep2, "/files/00000000-0000-4000-8000-000000000000");
    const hidden = await download(server, t.tokens.rep2, body.url);
    expect([missing.status, hidden.status]).toEqual([404, 404]);
    expect(await missing.text()).toBe(await hidden.text());
    expect((await download(server, t.tokens.rep2, "/files/not-a-uuid")).status).toBe(404);
    expect((await download(server, undefined, body.url)).status).toBe(401);
  });
});

describe("staged uploads for a new lead", () => {
  it("are attached by createLead with the stored name, type and size, whatever the client claims", async () => {
    const staged = await upload(server, t.tokens.rep1, PNG(300), { name: "site.png" });
    expect(staged.status).toBe(201);
    const lead = await createLead(t.tokens.rep1, {
      attachments: [{ url: staged.body.url, name: "renamed.exe", fileType: "text/html", size: 1 }],
    });
    const res = await server.gql(LEAD_FILES, { id: lead.id }, t.tokens.rep1);
    expect(res.data?.lead.attachments).toEqual([
      { url: staged.body.url, name: "site.png", fileType: "image/png", size: 300 },
    ]);
    // Bound to the lead, the file follows the lead's visibility.
    expect((await download(server, t.tokens.manager, staged.body.url)).status).toBe(200);
  });

  it("are private to their uploader until attached", async () => {
    const staged = await upload(server, t.tokens.rep1, PNG(), { name: "site.png" });
    expect((await download(server, t.tokens.rep1, staged.body.url)).status).toBe(200);
    expect((await download(server, t.tokens.manager, staged.body.url)).status).toBe(404);
  });

  it("cannot be attached by someone else", async () => {
    const staged = await upload(server, t.tokens.rep1, PNG(), { name: "site.png" });
    const res = await server.gql(
      CREATE_LEAD,
      {
        input: {
          name: "Stolen",
          source: "EVENT",
          email: "s@example.com",
          attachments: [{ url: staged.body.url, name: "x.png", fileType: "image/png", size: 64 }],
        },
      },
      t.tokens.rep2,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["attachments.0.url"]);
  });

  it("are deleted, bytes and row, when no lead took them in time", async () => {
    const staged = await upload(server, t.tokens.rep1, PNG(), { name: "old.png" });
    const before = storedFiles().length;
    await server.app.services.files.expireStagedFile({ fileId: staged.body.id });
    expect(storedFiles()).toHaveLength(before - 1);
    expect(await server.app.database.db.select().from(files).where(eq(files.id, staged.body.id))).toEqual([]);
    expect((await download(server, t.tokens.rep1, staged.body.url)).status).toBe(404);
  });

  it("once attached, are not deleted by the staging timer", async () => {
    const staged = await upload(server, t.tokens.rep1, PNG(), { name: "kept.png" });
    await createLead(t.tokens.rep1, {
      attachments: [{ url: staged.body.url, name: "kept.png", fileType: "image/png", size: 64 }],
    });
    await server.app.services.files.expireStagedFile({ fileId: staged.body.id });
    expect((await download(server, t.tokens.rep1, staged.body.url)).status).toBe(200);
  });
});
