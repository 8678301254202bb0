import { z } from "zod";

/*
 * The org-units API contract (docs: /work/briefs/contract-foundation.md, "Org units"), shared by the
 * server (validation, OpenAPI) and the web (types).
 */

const isValidDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A calendar date 'YYYY-MM-DD'. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine(isValidDate, "invalid date");

export const UNIT_KINDS = ["ministry", "province", "department", "district", "commune", "area"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const unitKind = z.enum(UNIT_KINDS);
/** Kinds that can be created through the API. */
export const CREATABLE_KINDS = ["department", "area", "commune", "district", "province"] as const;

/** Which kinds may hang under which parent kind. */
export const CHILD_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  ministry: ["province", "department"],
  province: ["department", "district", "commune"],
  department: ["department"],
  district: ["commune", "department"],
  commune: ["area"],
  area: [],
};

export const UNIT_KIND_LABELS: Record<UnitKind, { vi: string; en: string }> = {
  ministry: { vi: "Bộ", en: "Ministry" },
  province: { vi: "Cấp tỉnh", en: "Province" },
  department: { vi: "Phòng", en: "Department" },
  district: { vi: "Cấp huyện", en: "District" },
  commune: { vi: "Cấp xã", en: "Commune" },
  area: { vi: "Khu dân cư", en: "Residential area" },
};

/** Administrative types of territories (adminType), with their Vietnamese labels. */
export const ADMIN_TYPE_LABELS: Record<string, { vi: string; en: string }> = {
  ministry: { vi: "Bộ", en: "Ministry" },
  province: { vi: "Tỉnh", en: "Province" },
  city: { vi: "Thành phố trực thuộc trung ương", en: "Centrally-run city" },
  department: { vi: "Phòng", en: "Department" },
  district: { vi: "Quận, huyện", en: "District" },
  urban_district: { vi: "Quận", en: "Urban district" },
  town: { vi: "Thị xã", en: "Town" },
  district_city: { vi: "Thành phố thuộc tỉnh", en: "Provincial city" },
  commune: { vi: "Xã", en: "Commune" },
  ward: { vi: "Phường", en: "Ward" },
  special_zone: { vi: "Đặc khu", en: "Special zone" },
  township: { vi: "Thị trấn", en: "Township" },
  village: { vi: "Thôn", en: "Village" },
  hamlet: { vi: "Ấp", en: "Hamlet" },
  bon: { vi: "Bon", en: "Bon" },
  buon: { vi: "Buôn", en: "Buon" },
  ban: { vi: "Bản", en: "Ban" },
  lang: { vi: "Làng", en: "Lang" },
  xom: { vi: "Xóm", en: "Hamlet (xóm)" },
  khom: { vi: "Khóm", en: "Khom" },
  quarter: { vi: "Khu phố", en: "Quarter" },
  residential_group: { vi: "Tổ dân phố", en: "Residential group" },
  residential_area: { vi: "Khu dân cư", en: "Residential area" },
};

/** Admin types allowed for each kind created through the API or an import. */
export const ADMIN_TYPES_BY_KIND: Partial<Record<UnitKind, readonly string[]>> = {
  province: ["province", "city"],
  department: ["department"],
  district: ["district", "urban_district", "town", "district_city"],
  commune: ["commune", "ward", "special_zone", "township"],
  area: [
    "village",
    "hamlet",
    "bon",
    "buon",
    "ban",
    "lang",
    "xom",
    "khom",
    "quarter",
    "residential_group",
    "residential_area",
  ],
};

export const adminType = z.string().regex(/^[a-z_]{2,40}$/, "adminType");
/** Unit names: non-empty, bounded, no control characters. Stored verbatim (HTML and SQL are data). */
export const unitName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, "control characters");
export const unitCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}._\-/]+$/u, "code");
const decisionRef = z.string().trim().max(200);
const note = z.string().trim().max(2000);
const id = z.number().int().positive();

export const unitAbilities = z.object({
  update: z.boolean(),
  rename: z.boolean(),
  close: z.boolean(),
  move: z.boolean(),
  merge: z.boolean(),
  split: z.boolean(),
  addArea: z.boolean(),
  addDepartment: z.boolean(),
  addUnit: z.boolean(),
});
export type UnitAbilities = z.infer<typeof unitAbilities>;

export const unitSummary = z.object({
  id: z.number(),
  name: z.string(),
  placeName: z.string(),
  kind: unitKind,
  adminType: z.string().nullable(),
  code: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  hasChildren: z.boolean(),
  childCount: z.number(),
  abilities: unitAbilities,
});
export type UnitSummary = z.infer<typeof unitSummary>;

export const unitRef = z.object({ id: z.number(), name: z.string() });
export const ancestorRef = unitRef.extend({ kind: unitKind });

export const unitList = z.object({ items: z.array(unitSummary) });
export const searchResult = z.object({
  items: z.array(unitSummary.extend({ ancestors: z.array(unitRef) })),
});

export const unitDetail = z.object({
  unit: unitSummary.extend({
    isRemote: z.boolean(),
    isHotspot: z.boolean(),
    provinceId: z.number().nullable(),
  }),
  ancestors: z.array(ancestorRef),
  names: z.array(
    z.object({
      name: z.string(),
      placeName: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      effectiveOn: z.string(),
      from: unitRef,
      to: unitRef.nullable(),
      share: z.number().nullable(),
      decisionRef: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  successors: z.array(unitRef.extend({ share: z.number() })),
  predecessors: z.array(unitRef.extend({ validTo: z.string().nullable() })),
  counts: z.object({ children: z.number(), areas: z.number(), users: z.number() }),
});
export type UnitDetail = z.infer<typeof unitDetail>;

export const asOfResult = z.object({
  date: z.string(),
  unit: z.object({
    id: z.number(),
    name: z.string(),
    placeName: z.string(),
    kind: unitKind,
    validFrom: z.string(),
    validTo: z.string().nullable(),
    /** whether the unit existed on that date */
    existed: z.boolean(),
  }),
  ancestors: z.array(ancestorRef),
});

export const currentResult = z.object({ items: z.array(unitRef.extend({ share: z.number() })) });

// ---------------------------------------------------------------- requests
const bool = z.enum(["true", "false"]).transform((v) => v === "true");

export const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const childrenQuery = z.strictObject({
  asOf: isoDate.optional(),
  includeClosed: bool.default(false),
  kind: unitKind.optional(),
});
export const rootsQuery = z.strictObject({ includeClosed: bool.default(false) });
export const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  includeClosed: bool.default(false),
  kind: unitKind.optional(),
});
export const asOfQuery = z.strictObject({ date: isoDate });

export const createUnitBody = z.strictObject({
  parentId: id,
  kind: z.enum(CREATABLE_KINDS),
  adminType,
  name: unitName,
  placeName: unitName,
  code: unitCode.optional(),
  validFrom: isoDate,
  isRemote: z.boolean().optional(),
  isHotspot: z.boolean().optional(),
});
export type CreateUnitBody = z.infer<typeof createUnitBody>;

export const patchUnitBody = z.strictObject({
  isRemote: z.boolean().optional(),
  isHotspot: z.boolean().optional(),
  code: unitCode.nullable().optional(),
});

export const renameBody = z.strictObject({
  name: unitName,
  placeName: unitName,
  effectiveOn: isoDate,
  decisionRef: decisionRef.optional(),
  note: note.optional(),
});

export const closeBody = z.strictObject({
  effectiveOn: isoDate,
  decisionRef: decisionRef.optional(),
  note: note.optional(),
});

export const moveBody = z.strictObject({
  newParentId: id,
  effectiveOn: isoDate,
  decisionRef: decisionRef.optional(),
});

const newUnitSpec = z.strictObject({
  name: unitName,
  placeName: unitName,
  adminType,
  code: unitCode.optional(),
  /** parent of the new unit; defaults to the sources' common parent */
  parentId: id.optional(),
});

export const mergeBody = z.strictObject({
  fromIds: z.array(id).min(1).max(100),
  into: z.union([z.strictObject({ existingId: id }), z.strictObject({ newUnit: newUnitSpec })]),
  effectiveOn: isoDate,
  decisionRef: decisionRef.optional(),
});
export type MergeBody = z.infer<typeof mergeBody>;

export const splitBody = z.strictObject({
  into: z
    .array(
      z.strictObject({
        name: unitName,
        placeName: unitName,
        adminType,
        code: unitCode.optional(),
        share: z.number().gt(0).max(1).optional(),
      }),
    )
    .min(1)
    .max(50),
  effectiveOn: isoDate,
  decisionRef: decisionRef.optional(),
});
export type SplitBody = z.infer<typeof splitBody>;

export const lineageResult = z.object({
  /** the units the operation created or changed */
  units: z.array(unitSummary),
});

// ---------------------------------------------------------------- import
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

/** Columns of the import template, in order: header (Vietnamese) → field. */
export const IMPORT_COLUMNS = [
  { header: "Mã đơn vị cha", field: "parentCode", required: true },
  { header: "Loại", field: "kind", required: true },
  { header: "Loại địa bàn", field: "adminType", required: false },
  { header: "Tên", field: "name", required: true },
  { header: "Tên địa danh", field: "placeName", required: false },
  { header: "Mã", field: "code", required: false },
  { header: "Hiệu lực từ", field: "validFrom", required: false },
  { header: "Vùng sâu vùng xa", field: "isRemote", required: false },
  { header: "Trọng điểm", field: "isHotspot", required: false },
] as const;

export const importJobParams = z.strictObject({ jobId: z.coerce.number().int().positive() });
export const importStarted = z.object({ jobId: z.number() });
export const importJob = z.object({
  id: z.number(),
  status: z.enum(["validating", "importing", "done", "failed"]),
  fileName: z.string().nullable(),
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  errors: z.array(
    z.object({
      row: z.number(),
      column: z.string().nullable(),
      value: z.string().nullable(),
      messages: z.object({ vi: z.string(), en: z.string() }),
    }),
  ),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;
