import { type SQL, sql } from "drizzle-orm";
import { leads } from "../../db/schema/index.js";

/**
 * The SQL twin of `slaState` in @leadline/shared, for filtering and counting
 * in the database. Keep the two in step: sla.test.ts compares them.
 */
export function slaStateSql(now: SQL = sql`now()`): SQL<string> {
  return sql<string>`case
    when ${leads.firstResponseAt} is not null and ${leads.firstResponseDueAt} is not null
      and ${leads.firstResponseAt} > ${leads.firstResponseDueAt} then 'BREACHED'
    when ${leads.firstResponseAt} is not null then 'MET'
    when ${leads.slaPaused} then 'PAUSED'
    when ${leads.firstResponseDueAt} is null then 'NONE'
    when ${now} >= ${leads.firstResponseDueAt} then 'BREACHED'
    when ${leads.slaAtRiskAt} is not null and ${now} >= ${leads.slaAtRiskAt} then 'AT_RISK'
    else 'ON_TRACK' end`;
}
