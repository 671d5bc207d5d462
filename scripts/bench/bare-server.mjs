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

/** The same rows leads(first: 50) returns with owner and stage, as plain SQL. */
async function listLeads(tenant) {
  const [rows, [{ count }]] = await Promise.all([
    sql`
      select l.id, l.request_id, l.name, l.status, l.email, l.score, l.created_at,
             json_build_object('id', u.id, 'name', u.name) as owner,
             json_build_object('key', s.key, 'label', s.label) as stage
      from leads l
      left join users u on u.id = l.owner_id
      join stages s on s.pipeline_id = l.pipeline_id and s.key = l.status
      where l.tenant_id = ${tenant} and l.retired_at is null
      order by l.created_at desc, l.id desc limit 51`,
    sql`select count(*)::int from leads where tenant_id = ${tenant} and retired_at is null`,
  ]);
  return { totalCount: count, edges: rows.slice(0, 50).map((node) => ({ node })) };
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
