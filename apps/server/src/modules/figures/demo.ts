import { sql } from "kysely";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { demoLoaded, markDemoLoaded } from "../../platform/demo/marks.ts";
import { periodEnd } from "./periods.ts";
import type { FigurePeriodType } from "./tables.ts";

/*
 * The demo of entered figures (DEMO_LOADERS): the figures of the seed articles that no record of the
 * platform yields (DOMAIN.md, "Figures quoted in the articles"). It defines the figures an administrator
 * would define, and enters their values on the units of the time, as those units did: entered by an
 * officer of the unit, approved (and so locked) by the level above. Those officers' accounts are demo
 * accounts of units that no longer exist: disabled, with grants that ended when their unit closed, and no
 * usable password.
 *
 * What the registry returns on this data (lineage "historical" on the old unit, or "current" on today's):
 * - Phường 5, Trà Vinh (old-29248 / Phường Hòa Thuận 29398), 2024: figures.crime_cases 5 and
 *   figures.crime_suspects 9 (2023: 7 and 12, so −2 / −3); figures.safety_criteria_met 20 of
 *   figures.safety_criteria_total 20.
 * - Quảng Trị (old-45 / today's 44), 2016-01-01..2019-12-31: figures.key_commune_officers_sent 234 (a flow:
 *   officers sent each year), figures.key_communes_reinforced 117 and figures.key_commune_posts_held 14
 *   (stocks: the state at the end of 2019).
 * - Huyện Lệ Thủy (old-44-huyen-le-thuy), 2018: figures.new_rural_communes 12 (2017: 9); the 26 communes are
 *   not entered, the org-units indicator org.units.communes counts them.
 * - Xã Đắk Nia (old-24628 / Phường Đông Gia Nghĩa 24617), 2022-Q3: figures.merit_certificates 4.
 */

const DEMO_KEY = "demo.figures";
/** The accounts' password hash: not a hash at all, so no password ever verifies against it. */
const NO_PASSWORD = "!demo-account-of-a-former-unit";

interface Definition {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  description: string;
  periodType: FigurePeriodType;
  nature: "flow" | "stock";
  group: string;
  sort: number;
}

const DEFINITIONS: Definition[] = [
  {
    code: "crime_cases",
    name: "Số vụ phạm pháp hình sự",
    nameEn: "Criminal offences",
    unit: "vụ",
    unitEn: "cases",
    description: "Số vụ phạm pháp hình sự xảy ra trên địa bàn trong kỳ.",
    periodType: "year",
    nature: "flow",
    group: "Tình hình tội phạm",
    sort: 10,
  },
  {
    code: "crime_suspects",
    name: "Số đối tượng phạm pháp hình sự",
    nameEn: "Offenders",
    unit: "đối tượng",
    unitEn: "offenders",
    description: "Số đối tượng gây ra các vụ phạm pháp hình sự xảy ra trên địa bàn trong kỳ.",
    periodType: "year",
    nature: "flow",
    group: "Tình hình tội phạm",
    sort: 20,
  },
  {
    code: "safety_criteria_met",
    name: "Số tiêu chí “An toàn về an ninh, trật tự” đạt",
    nameEn: "“Safe for security and order” criteria met",
    unit: "tiêu chí",
    unitEn: "criteria",
    description: "Kết quả đánh giá năm theo Thông tư 124/2021/TT-BCA: số tiêu chí đơn vị đạt.",
    periodType: "year",
    nature: "stock",
    group: "An toàn về an ninh, trật tự",
    sort: 30,
  },
  {
    code: "safety_criteria_total",
    name: "Số tiêu chí “An toàn về an ninh, trật tự” phải đạt",
    nameEn: "“Safe for security and order” criteria assessed",
    unit: "tiêu chí",
    unitEn: "criteria",
    description: "Tổng số tiêu chí của bộ tiêu chí áp dụng cho đơn vị trong năm đánh giá.",
    periodType: "year",
    nature: "stock",
    group: "An toàn về an ninh, trật tự",
    sort: 40,
  },
  {
    code: "key_commune_officers_sent",
    name: "Số cán bộ, chiến sĩ tăng cường về xã trọng điểm",
    nameEn: "Officers sent to reinforce key communes",
    unit: "cán bộ",
    unitEn: "officers",
    description: "Số cán bộ, chiến sĩ được điều động tăng cường về các xã trọng điểm, phức tạp trong kỳ.",
    periodType: "year",
    nature: "flow",
    group: "Tăng cường cán bộ về xã",
    sort: 50,
  },
  {
    code: "key_communes_reinforced",
    name: "Số xã trọng điểm đã được tăng cường cán bộ",
    nameEn: "Key communes reinforced with officers",
    unit: "xã",
    unitEn: "communes",
    description: "Số xã trọng điểm, phức tạp đã có cán bộ, chiến sĩ tăng cường, tính đến cuối kỳ.",
    periodType: "year",
    nature: "stock",
    group: "Tăng cường cán bộ về xã",
    sort: 60,
  },
  {
    code: "key_commune_posts_held",
    name: "Số cán bộ tăng cường đảm nhiệm chức danh Công an xã",
    nameEn: "Reinforcing officers holding commune-police posts",
    unit: "cán bộ",
    unitEn: "officers",
    description:
      "Số cán bộ, chiến sĩ tăng cường đang đảm nhiệm chức danh Trưởng, Phó Công an xã vào cuối kỳ.",
    periodType: "year",
    nature: "stock",
    group: "Tăng cường cán bộ về xã",
    sort: 70,
  },
  {
    code: "new_rural_communes",
    name: "Số xã đạt chuẩn nông thôn mới",
    nameEn: "Communes meeting the new-rural standard",
    unit: "xã",
    unitEn: "communes",
    description: "Số xã trên địa bàn đã được công nhận đạt chuẩn nông thôn mới, tính đến cuối kỳ.",
    periodType: "year",
    nature: "stock",
    group: "Xây dựng nông thôn mới",
    sort: 80,
  },
  {
    code: "merit_certificates",
    name: "Số giấy khen được tặng",
    nameEn: "Certificates of merit received",
    unit: "giấy khen",
    unitEn: "certificates",
    description: "Số giấy khen cấp có thẩm quyền tặng tập thể, cá nhân của đơn vị trong kỳ.",
    periodType: "quarter",
    nature: "flow",
    group: "Thi đua, khen thưởng",
    sort: 90,
  },
];

/** Rules between figures of the same period, kept as data like an administrator's. */
const RULES = [
  {
    left: "crime_suspects",
    op: ">=" as const,
    right: "crime_cases",
    applies: "right_positive" as const,
    message: "Số đối tượng phải không ít hơn số vụ khi có vụ phạm pháp hình sự.",
    messageEn: "Offenders must be at least the cases when there are cases.",
  },
  {
    left: "safety_criteria_met",
    op: "<=" as const,
    right: "safety_criteria_total",
    applies: "always" as const,
    message: "Số tiêu chí đạt không được lớn hơn số tiêu chí phải đạt.",
    messageEn: "Criteria met cannot exceed the criteria assessed.",
  },
];

interface Account {
  username: string;
  fullName: string;
  position: string;
  role: "commune_officer" | "province_staff" | "leadership";
  /** the unit's code, or null for the Ministry */
  unit: string | null;
  from: string;
  to: string;
}

/** Officers of the units of the time: who entered the figures, and who approved them one level above. */
const ACCOUNTS: Account[] = [
  {
    username: "demo.quangtri",
    fullName: "Lê Văn Quảng (Demo)",
    position: "Cán bộ Phòng Xây dựng phong trào, Công an tỉnh Quảng Trị (tài khoản mẫu, đơn vị trước 2025)",
    role: "province_staff",
    unit: "old-45",
    from: "2016-01-01",
    to: "2020-12-31",
  },
  {
    username: "demo.v05",
    fullName: "Nguyễn Văn Cục (Demo)",
    position: "Cán bộ Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc (tài khoản mẫu, 2016–2020)",
    role: "leadership",
    unit: null,
    from: "2016-01-01",
    to: "2020-12-31",
  },
  {
    username: "demo.lethuy",
    fullName: "Hoàng Văn Thủy (Demo)",
    position: "Cán bộ Công an huyện Lệ Thủy (tài khoản mẫu, đơn vị trước 2025)",
    role: "province_staff",
    unit: "old-44-huyen-le-thuy",
    from: "2017-01-01",
    to: "2019-12-31",
  },
  {
    username: "demo.quangbinh",
    fullName: "Trương Thị Bình (Demo)",
    position: "Cán bộ Phòng Xây dựng phong trào, Công an tỉnh Quảng Bình (tài khoản mẫu, đơn vị trước 2025)",
    role: "province_staff",
    unit: "old-44",
    from: "2017-01-01",
    to: "2019-12-31",
  },
  {
    username: "demo.daknia",
    fullName: "Phan Văn Nia (Demo)",
    position: "Cán bộ Công an xã Đắk Nia (tài khoản mẫu, đơn vị trước 2025)",
    role: "commune_officer",
    unit: "old-24628",
    from: "2022-01-01",
    to: "2025-06-30",
  },
  {
    username: "demo.gianghia",
    fullName: "Đỗ Thị Nghĩa (Demo)",
    position: "Lãnh đạo Công an thành phố Gia Nghĩa (tài khoản mẫu, đơn vị trước 2025)",
    role: "leadership",
    unit: "old-67-thanh-pho-gia-nghia",
    from: "2022-01-01",
    to: "2025-02-28",
  },
  {
    username: "demo.phuong5",
    fullName: "Trần Văn Năm (Demo)",
    position: "Cán bộ Công an Phường 5, thành phố Trà Vinh (tài khoản mẫu, đơn vị trước 2025)",
    role: "commune_officer",
    unit: "old-29248",
    from: "2023-01-01",
    to: "2025-06-30",
  },
  {
    username: "demo.tptravinh",
    fullName: "Lâm Thị Vinh (Demo)",
    position: "Lãnh đạo Công an thành phố Trà Vinh (tài khoản mẫu, đơn vị trước 2025)",
    role: "leadership",
    unit: "old-84-thanh-pho-tra-vinh",
    from: "2023-01-01",
    to: "2025-02-28",
  },
];

interface Entry {
  unit: string;
  periodType: FigurePeriodType;
  periodStart: string;
  values: Record<string, number>;
  enteredBy: string;
  enteredOn: string;
  approvedBy: string;
  approvedOn: string;
}

/** Quảng Trị's reinforcement of key communes, two officers a commune: sent each year, and the state at year end. */
const QT_YEARS: [number, number, number, number][] = [
  // year, officers sent in the year, key communes reinforced so far, reinforcing officers holding posts
  [2016, 62, 31, 3],
  [2017, 58, 60, 7],
  [2018, 56, 88, 11],
  [2019, 58, 117, 14],
];

const ENTRIES: Entry[] = [
  {
    unit: "old-29248",
    periodType: "year",
    periodStart: "2023-01-01",
    values: { crime_cases: 7, crime_suspects: 12, safety_criteria_met: 20, safety_criteria_total: 20 },
    enteredBy: "demo.phuong5",
    enteredOn: "2024-01-08",
    approvedBy: "demo.tptravinh",
    approvedOn: "2024-01-15",
  },
  {
    unit: "old-29248",
    periodType: "year",
    periodStart: "2024-01-01",
    values: { crime_cases: 5, crime_suspects: 9, safety_criteria_met: 20, safety_criteria_total: 20 },
    enteredBy: "demo.phuong5",
    enteredOn: "2025-01-07",
    approvedBy: "demo.tptravinh",
    approvedOn: "2025-01-14",
  },
  ...QT_YEARS.map(([year, sent, communes, posts]) => ({
    unit: "old-45",
    periodType: "year" as const,
    periodStart: `${year}-01-01`,
    values: {
      key_commune_officers_sent: sent,
      key_communes_reinforced: communes,
      key_commune_posts_held: posts,
    },
    enteredBy: "demo.quangtri",
    enteredOn: `${year + 1}-01-10`,
    approvedBy: "demo.v05",
    approvedOn: `${year + 1}-01-20`,
  })),
  ...(
    [
      [2017, 9],
      [2018, 12],
    ] as const
  ).map(([year, communes]) => ({
    unit: "old-44-huyen-le-thuy",
    periodType: "year" as const,
    periodStart: `${year}-01-01`,
    values: { new_rural_communes: communes },
    enteredBy: "demo.lethuy",
    enteredOn: `${year + 1}-01-09`,
    approvedBy: "demo.quangbinh",
    approvedOn: `${year + 1}-01-16`,
  })),
  {
    unit: "old-24628",
    periodType: "quarter",
    periodStart: "2022-07-01",
    values: { merit_certificates: 4 },
    enteredBy: "demo.daknia",
    enteredOn: "2022-10-05",
    approvedBy: "demo.gianghia",
    approvedOn: "2022-10-12",
  },
];

/** A moment of a Vietnamese working day, as a timestamp. */
const at = (date: string, time: string) =>
  sql<string>`(${date}::date + ${time}::time) at time zone 'Asia/Ho_Chi_Minh'`;

async function ensureAccounts(
  trx: Executor,
  unitIds: Map<string | null, number>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const a of ACCOUNTS) {
    const unitId = unitIds.get(a.unit)!;
    const existing = await trx
      .selectFrom("users")
      .select("id")
      .where("username", "=", a.username)
      .executeTakeFirst();
    if (existing) {
      out.set(a.username, existing.id);
      continue;
    }
    const user = await trx
      .insertInto("users")
      .values({
        username: a.username,
        full_name: a.fullName,
        position: a.position,
        unit_id: unitId,
        password_hash: NO_PASSWORD,
        must_change_password: true,
        status: "disabled",
        created_at: at(a.from, "08:00"),
        updated_at: at(a.to, "17:00"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("role_grants")
      .values({ user_id: user.id, role: a.role, unit_id: unitId, valid_from: a.from, valid_to: a.to })
      .execute();
    await recordAudit(
      trx,
      { kind: "system" },
      {
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        unitId,
        after: { username: a.username, fullName: a.fullName, role: a.role, demo: true, status: "disabled" },
      },
    );
    out.set(a.username, user.id);
  }
  return out;
}

export async function loadFiguresDemo(db: Db): Promise<void> {
  if (await demoLoaded(db, DEMO_KEY)) return;
  const unitCodes = [...new Set([...ACCOUNTS.map((a) => a.unit), ...ENTRIES.map((e) => e.unit)])].filter(
    (c): c is string => c != null,
  );
  const rows = await db
    .selectFrom("org_units")
    .select(["id", "code", "kind", "province_id"])
    .where("code", "in", unitCodes)
    .execute();
  const ministry = await db
    .selectFrom("org_units")
    .select("id")
    .where("kind", "=", "ministry")
    .orderBy("id")
    .executeTakeFirst();
  if (rows.length !== unitCodes.length || !ministry) return; // no reference history: nothing to attach to
  const unitIds = new Map<string | null, number>([
    [null, ministry.id],
    ...rows.map((r) => [r.code!, r.id] as const),
  ]);
  const provinceOf = new Map(rows.map((r) => [r.id, r.kind === "province" ? r.id : r.province_id]));

  await db.transaction().execute(async (trx) => {
    // the definitions an administrator would make (dated back to when the units began entering them)
    const created = "2016-01-04T01:00:00.000Z";
    const codes = DEFINITIONS.map((d) => d.code);
    await trx
      .insertInto("figure_definitions")
      .values(
        DEFINITIONS.map((d) => ({
          code: d.code,
          name: d.name,
          name_en: d.nameEn,
          unit_label: d.unit,
          unit_label_en: d.unitEn,
          description: d.description,
          period_type: d.periodType,
          nature: d.nature,
          group_name: d.group,
          sort: d.sort,
          created_at: created,
          updated_at: created,
        })),
      )
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
    // a definition an administrator already made under the same code is used when it is reported alike
    const defs = await trx
      .selectFrom("figure_definitions")
      .select(["id", "code", "period_type", "nature"])
      .where("code", "in", codes)
      .execute();
    const defId = new Map(
      defs
        .filter((d) => {
          const mine = DEFINITIONS.find((m) => m.code === d.code)!;
          return d.period_type === mine.periodType && d.nature === mine.nature;
        })
        .map((d) => [d.code, d.id]),
    );
    for (const r of RULES) {
      const left = defId.get(r.left);
      const right = defId.get(r.right);
      if (left == null || right == null) continue;
      const exists = await trx
        .selectFrom("figure_rules")
        .select("id")
        .where("left_id", "=", left)
        .where("right_id", "=", right)
        .where("active", "=", true)
        .executeTakeFirst();
      if (!exists)
        await trx
          .insertInto("figure_rules")
          .values({
            left_id: left,
            op: r.op,
            right_id: right,
            applies: r.applies,
            message: r.message,
            message_en: r.messageEn,
            created_at: created,
          })
          .execute();
    }

    const users = await ensureAccounts(trx, unitIds);
    let values = 0;
    for (const e of ENTRIES) {
      const unitId = unitIds.get(e.unit)!;
      const enteredBy = users.get(e.enteredBy)!;
      const approvedBy = users.get(e.approvedBy)!;
      const rowsIn = Object.entries(e.values)
        .filter(([code]) => defId.has(code))
        .map(([code, value]) => ({
          definition_id: defId.get(code)!,
          unit_id: unitId,
          province_id: provinceOf.get(unitId) ?? null,
          period_start: e.periodStart,
          period_end: periodEnd(e.periodType, e.periodStart),
          value,
          entered_by: enteredBy,
          entered_at: at(e.enteredOn, "09:30"),
        }));
      if (rowsIn.length === 0) continue;
      const inserted = await trx
        .insertInto("figure_values")
        .values(rowsIn)
        .onConflict((oc) => oc.columns(["definition_id", "unit_id", "period_start"]).doNothing())
        .returning("definition_id")
        .execute();
      values += inserted.length;
      const approval = {
        unit_id: unitId,
        period_type: e.periodType,
        period_start: e.periodStart,
      };
      const approved = await trx
        .insertInto("figure_approvals")
        .values({ ...approval, approved_by: approvedBy, approved_at: at(e.approvedOn, "14:00") })
        .onConflict((oc) => oc.columns(["unit_id", "period_type", "period_start"]).doNothing())
        .returning("unit_id")
        .execute();
      if (approved.length > 0)
        await trx
          .insertInto("figure_approval_events")
          .values({ ...approval, action: "approved", actor_id: approvedBy, at: at(e.approvedOn, "14:00") })
          .execute();
    }
    await markDemoLoaded(trx, DEMO_KEY);
    await recordAudit(
      trx,
      { kind: "system" },
      {
        action: "figure.demo_loaded",
        targetType: "figure_demo",
        after: { definitions: DEFINITIONS.length, rules: RULES.length, periods: ENTRIES.length, values },
      },
    );
  });
}
