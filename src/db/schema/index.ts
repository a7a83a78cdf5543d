// The drizzle schema: every D1 table (the one barrel file, as drizzle-kit reads it).
export * from "./api-tokens";
export * from "./auto-replies";
export * from "./batches";
export * from "./callbacks";
export * from "./groups";
export * from "./inbounds";
export * from "./opt-outs";
export * from "./plan-stats";
export * from "./recipients";
export * from "./service-plans";
export * from "./simulator-messages";
export * from "./simulator-rules";
export * from "./upstream-batches";
export * from "./webhook-nonces";
