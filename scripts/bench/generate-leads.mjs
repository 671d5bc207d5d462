// Bulk-loads synthetic leads into one tenant straight in SQL (generate_series),
// spread like a real book: every stage of the tenant's default pipeline, owners
// among the given reps with 2 % in the pool, created over two years (nine in
// ten leads older than 90 days closed, won or lost, as in a worked book), answered
// except some of the last two days' leads, 10 % with a next action due from
// yesterday to a month ahead.
// Usage (module): await generateLeads(sql, { tenantId, ownerIds, count })
import { LEAD_SOURCES } from "@leadline/shared";

export async function generateLeads(sql, { tenantId, ownerIds, count, batch = 100_000 }) {
  const [{ id: pipelineId }] = await sql`select id from pipelines where tenant_id = ${tenantId} and is_default`;
  const stageRows = await sql`select key, category from stages where pipeline_id = ${pipelineId} order by position`;
  const open = stageRows.filter((s) => s.category === "OPEN").map((s) => s.key);
  const closed = stageRows.filter((s) => s.category !== "OPEN").map((s) => s.key);
  const [{ max }] = await sql`select coalesce(max(request_id), 0)::int as max from leads where tenant_id = ${tenantId}`;
  const sources = [...LEAD_SOURCES];
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await sql`
      insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, email, city,
        owner_id, created_by_id, score, first_response_due_at, sla_at_risk_at, first_response_at, sla_state,
        next_action_type, next_action_due_at, last_activity_at, created_at, updated_at)
      select ${tenantId}, ${max} + g, ${pipelineId},
        case when g % 730 >= 90 and g % 10 <> 0
          then (${closed}::text[])[1 + (g::bigint * 7919) % ${closed.length}]
          else (${open}::text[])[1 + (g::bigint * 7919) % ${open.length}] end,
        lpad(to_hex(10000000000000 - (extract(epoch from c) * 1000)::bigint), 12, '0') || 'i',
        (${sources}::text[])[1 + (g * 31) % ${sources.length}], 'API',
        'Lead ' || g, 'lead' || g || '@example.com', (array['Berlin','Austin','Lisbon','Osaka'])[1 + g % 4],
        case when g % 50 = 0 then null else (${ownerIds}::uuid[])[1 + (g * 13) % ${ownerIds.length}] end,
        (${ownerIds}::uuid[])[1], (g * 37) % 101,
        c + interval '1 hour', c + interval '45 minutes',
        case when g % 730 < 2 and g % 3 = 0 then null else c + interval '20 minutes' end,
        case when g % 730 < 2 and g % 3 = 0 then 'BREACHED' else 'MET' end,
        case when g % 10 = 1 then 'CALL' end,
        case when g % 10 = 1 then now() - interval '1 day' + (g % 4464) * interval '10 minutes' end,
        c, c, c
      from generate_series(${from}::int, ${to}::int) as g,
        lateral (select now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' as c) as t`;
    process.stdout.write(`  ${to.toLocaleString()} leads\r`);
  }
  await sql`insert into tenant_counters (tenant_id, name, value) values (${tenantId}, 'lead', ${max + count})
    on conflict (tenant_id, name) do update set value = excluded.value`;
  // Steady state: autovacuum would have set the visibility map by now, which index-only counts rely on.
  await sql`vacuum (analyze) leads`;
  process.stdout.write("\n");
}
