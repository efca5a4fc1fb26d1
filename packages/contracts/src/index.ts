export * from "./accounts.js";
export * from "./profiles.js";
export * from "./organization.js";
export * from "./problem.js";
export * from "./notifications.js";
export * from "./realtime.js";
export * from "./forums.js";
