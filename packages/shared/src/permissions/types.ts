import type { Role } from "./roles.ts";

export type RoleActions = Record<Role, readonly string[]>;
