export * from "./permissions/index.ts";
export * from "./vi-sort.ts";
