import { z } from "zod";
import { ROLES } from "../permissions/roles.ts";

/*
 * The API contract of accounts, roles, profile and the audit log (server and web share it).
 * Requests are strict (unknown fields rejected) and bounded; responses describe what the server sends.
 */

const isoDate = z.iso.date();
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .normalize("NFC")
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

export const roleSchema = z.enum(ROLES);

/** 3–50 characters: lower-case letters, digits, dot, underscore, hyphen (case-insensitive, stored lower-case). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,50}$/, "3-50 characters a-z 0-9 . _ -");

export const emailSchema = z
  .string()
  .trim()
  .max(200)
  .refine((v) => v === "" || z.email().safeParse(v).success, "invalid e-mail address")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9 +().-]*$/, "digits, spaces and + ( ) . -")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();

export const userCreateBody = z
  .strictObject({
    username: usernameSchema,
    fullName: z.string().trim().normalize("NFC").min(1).max(200),
    rank: optionalText(100),
    position: optionalText(200),
    unitId: z.number().int().positive(),
    email: emailSchema,
    phone: phoneSchema,
    role: roleSchema,
    /** the unit the role is granted on; defaults to unitId */
    roleUnitId: z.number().int().positive().optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.nullable().optional(),
  })
  .refine((b) => !b.validFrom || !b.validTo || b.validTo >= b.validFrom, {
    path: ["validTo"],
    message: "validTo must not precede validFrom",
  });
export type UserCreateBody = z.infer<typeof userCreateBody>;

export const userUpdateBody = z.strictObject({
  fullName: z.string().trim().normalize("NFC").min(1).max(200).optional(),
  rank: optionalText(100),
  position: optionalText(200),
  unitId: z.number().int().positive().optional(),
  email: emailSchema,
  phone: phoneSchema,
  status: z.enum(["active", "disabled"]).optional(),
});
export type UserUpdateBody = z.infer<typeof userUpdateBody>;

export const grantBody = z
  .strictObject({
    role: roleSchema,
    unitId: z.number().int().positive(),
    validFrom: isoDate.optional(),
    validTo: isoDate.nullable().optional(),
  })
  .refine((b) => !b.validFrom || !b.validTo || b.validTo >= b.validFrom, {
    path: ["validTo"],
    message: "validTo must not precede validFrom",
  });
export type GrantBody = z.infer<typeof grantBody>;

export const userListQuery = z.strictObject({
  q: z.string().trim().normalize("NFC").max(100).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: roleSchema.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const userGrantSchema = z.object({
  id: z.number(),
  role: roleSchema,
  unitId: z.number(),
  unitName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  abilities: z.object({ revoke: z.boolean() }),
});

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  rank: z.string().nullable(),
  position: z.string().nullable(),
  unit: z.object({ id: z.number(), name: z.string() }),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(["active", "disabled"]),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  grants: z.array(userGrantSchema),
  abilities: z.object({
    update: z.boolean(),
    disable: z.boolean(),
    grant: z.boolean(),
    resetPassword: z.boolean(),
    resetSecondFactor: z.boolean(),
  }),
});
export type User = z.infer<typeof userSchema>;

export const userPageSchema = z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() });
export const userCreatedSchema = z.object({ user: userSchema, initialPassword: z.string() });
export const initialPasswordSchema = z.object({ initialPassword: z.string() });

export const rolesResponseSchema = z.object({
  items: z.array(
    z.object({
      role: roleSchema,
      label: z.object({ vi: z.string(), en: z.string() }),
      actions: z.array(z.string()),
      grantableBy: z.array(roleSchema),
      unitKinds: z.array(z.string()),
    }),
  ),
});

export const profileBody = z.strictObject({
  email: emailSchema,
  phone: phoneSchema,
  locale: z.enum(["vi", "en"]).optional(),
});
export type ProfileBody = z.infer<typeof profileBody>;

// ------------------------------------------------------------------ audit log

export const auditQuery = z
  .strictObject({
    actorId: z.coerce.number().int().positive().optional(),
    q: z.string().trim().normalize("NFC").max(100).optional(),
    unitId: z.coerce.number().int().positive().optional(),
    action: z.string().trim().max(100).optional(),
    /** first day, inclusive (Vietnam time) */
    from: isoDate.optional(),
    /** last day, inclusive (Vietnam time) */
    to: isoDate.optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((b) => !b.from || !b.to || b.to >= b.from, { path: ["to"], message: "to must not precede from" });
export type AuditQuery = z.infer<typeof auditQuery>;

const ref = z.object({ id: z.number(), name: z.string() }).nullable();

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ id: z.number(), name: z.string(), username: z.string().nullable() }).nullable(),
  /** "system" or "public" when no signed-in person wrote the entry */
  actorKind: z.enum(["user", "system", "public"]),
  actingUnit: ref,
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  unit: ref,
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
export const auditActionsSchema = z.object({ items: z.array(z.string()) });
export const auditVerifySchema = z.object({
  checked: z.number(),
  firstBreak: z
    .object({
      id: z.number(),
      chain: z.number(),
      chainSeq: z.number(),
      problem: z.enum(["hash_mismatch", "broken_link", "missing_entry"]),
    })
    .nullable(),
});
