// The generic GraphQL engine beside Leadline in `pnpm bench` (issue 18 item 3): PostGraphile 4
// over the same database, run the way its documentation recommends for a multi-tenant app:
// each request in a transaction as the row-security role with the tenant set (pgSettings),
// so PostgreSQL's policies narrow it to one tenant as they do Leadline's requests. It knows a
// lead's stage through a computed column (leads_stage), made here on the bench database only.
// Env: DATABASE_URL, TENANT_ID, PORT. Prints "ready" once it serves.
import { createServer } from "node:http";
import pg from "pg";
import { postgraphile } from "postgraphile";

const databaseUrl = process.env.DATABASE_URL;
const tenantId = process.env.TENANT_ID;

const setup = new pg.Client({ connectionString: databaseUrl });
await setup.connect();
await setup.query(`
  create or replace function leads_stage(l leads) returns stages language sql stable as $$
    select s.* from stages s where s.pipeline_id = l.pipeline_id and s.key = l.status
  $$`);
await setup.end();

const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
const middleware = postgraphile(pool, "public", {
  graphqlRoute: "/graphql",
  disableDefaultMutations: true,
  ignoreRBAC: false,
  setofFunctionsContainNulls: false,
  disableQueryLog: true,
  // As PostGraphile's multi-tenant guide does: every request is a transaction for one tenant.
  pgSettings: async () => ({ role: "leadline_app", "leadline.tenant_id": tenantId }),
});

createServer(middleware).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
