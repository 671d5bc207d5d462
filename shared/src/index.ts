export * from "./conversion.js";
export * from "./lead-input.js";
export * from "./pipelines.js";
export * from "./rank.js";
export * from "./roles.js";
export * from "./score.js";
export * from "./sla.js";
export * from "./workflow.js";
