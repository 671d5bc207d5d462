import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { AuthService } from "./auth/auth.service.js";
import { LeadService } from "./leads/lead.service.js";
import { BoardService } from "./pipeline/board.service.js";
import { MoveService } from "./pipeline/move.service.js";
import { PipelineService } from "./pipeline/pipeline.service.js";
import { PipelineAdminService } from "./pipeline/pipeline-admin.service.js";
import { TenantService } from "./tenants/tenant.service.js";

/** The application's services, built once per process around one database. */
export function createServices(db: Database, config: Pick<Config, "sessionTtlMs">) {
  const pipelines = new PipelineService(db);
  return {
    auth: new AuthService(db, config.sessionTtlMs),
    tenants: new TenantService(db, pipelines),
    pipelines,
    pipelineAdmin: new PipelineAdminService(db, pipelines),
    board: new BoardService(db, pipelines),
    moves: new MoveService(db, pipelines),
    leads: new LeadService(db, pipelines),
  };
}

export type Services = ReturnType<typeof createServices>;
