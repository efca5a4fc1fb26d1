export * from "./auth.js";
export * from "./accounts.js";
export * from "./organization.js";
export * from "./notifications.js";
export * from "./forums.js";
export * from "./safety.js";
export * from "./moderation.js";
export * from "./groups.js";
