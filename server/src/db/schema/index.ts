export * from "./auth.js";
export * from "./crm.js";
export * from "./events.js";
export * from "./leads.js";
export * from "./pipelines.js";
export * from "./scoring.js";
export * from "./tenants.js";
export * from "./workflow.js";
