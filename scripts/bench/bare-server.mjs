// The floor Leadline is measured against: a bare node:http handler doing the
// same database work with postgres.js and nothing else (no GraphQL, no auth,
// no validation). Started by run.mjs with DATABASE_URL, PORT, TENANT_ID,
// PIPELINE_ID and USER_ID.
import { createServer } from "node:http";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const { TENANT_ID: tenantId, PIPELINE_ID: pipelineId, USER_ID: userId } = process.env;

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString() || "{}");
}

/** The same counter work createLead does: bump the tenant counter and insert, in one transaction. */
async function createLead(input) {
  return sql.begin(async (tx) => {
    const [{ value }] = await tx`
      insert into tenant_counters (tenant_id, name, value) values (${tenantId}, 'lead', 1)
      on conflict (tenant_id, name) do update set value = tenant_counters.value + 1 returning value`;
    const [lead] = await tx`
      insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, email, owner_id, created_by_id)
      values (${tenantId}, ${value}, ${pipelineId}, 'new', 'zzzzzzzzzi', ${input.source}, 'API', ${input.name}, ${input.email}, ${userId}, ${userId})
      returning *`;
    return lead;
  });
}

/**
 * The same queries leads(first: 50) runs for owner and stage (page and count
 * together, then owners and stages by id together), assembled into the same
 * JSON shape by hand.
 */
async function listLeads(tenant) {
  const [rows, [{ count }]] = await Promise.all([
    sql`select * from leads where tenant_id = ${tenant} and retired_at is null
        order by created_at desc, id desc limit 51`,
    sql`select count(*)::int from leads where tenant_id = ${tenant} and retired_at is null`,
  ]);
  const page = rows.slice(0, 50);
  const ownerIds = [...new Set(page.map((r) => r.owner_id).filter(Boolean))];
  const pipelineIds = [...new Set(page.map((r) => r.pipeline_id))];
  const [owners, stages] = await Promise.all([
    ownerIds.length ? sql`select id, name from users where tenant_id = ${tenant} and id in ${sql(ownerIds)}` : [],
    sql`select pipeline_id, key, label from stages where tenant_id = ${tenant} and pipeline_id in ${sql(pipelineIds)}`,
  ]);
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  const edges = page.map((r) => ({
    node: {
      id: r.id,
      requestId: r.request_id,
      name: r.name,
      status: r.status,
      email: r.email,
      score: r.score,
      createdAt: r.created_at,
      owner: ownerById.get(r.owner_id) ?? null,
      stage: stages.find((s) => s.pipeline_id === r.pipeline_id && s.key === r.status) ?? null,
    },
  }));
  return { totalCount: count, edges };
}

createServer(async (req, res) => {
  try {
    const body = await readJson(req);
    const data = req.url === "/create" ? { lead: await createLead(body) } : { leads: await listLeads(body.tenantId) };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
