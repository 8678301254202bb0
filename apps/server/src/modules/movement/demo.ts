import type { Insertable } from "kysely";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { demoLoaded, markDemoLoaded } from "../../platform/demo/marks.ts";
import type {
  MovementActivitiesTable,
  MovementModelsTable,
  MovementWeaponSurrendersTable,
  WeaponCategory,
} from "./tables.ts";

/*
 * The demo dataset of movement work, built from the seed articles (see DOMAIN.md, "Figures quoted in the
 * articles"). Every record carries is_demo = true; generic records also say "[Demo]" in their names. Records
 * sit on the units of their time (old Quảng Trị and Quảng Bình units, Xã Đắk Nia, Phường 5 of Trà Vinh), so
 * reports roll them up into today's units through lineage. Figures that are not movement records belong to
 * other modules: the 706 valuable tips of Quảng Trị and Phường 5's tips handled on time are citizen-channel
 * items (submissions/demo.ts, loadSubmissionsHistoryDemo); the 234 officers in 117 key communes with 14
 * commune-police posts, Phường 5's cases, suspects and 20 of 20 criteria, Lệ Thủy's 12 new-rural communes
 * and Đắk Nia's 4 certificates of merit are entered figures (figures/demo.ts); the Đề án 06 figures
 * (resident data) are not in the demo yet.
 *
 * What the registry returns on this data (lineage "historical" on the old unit, or "current" on today's):
 * - Quảng Trị (old-45 / today's 44), 2016-01-01..2019-12-31: 9 peak campaigns at 245 residential points with
 *   6,720 participants; 16,290 households signed (pledge drives and the 2019 pledge register); 101 guns
 *   surrendered; 22 forums held.
 * - Xã Đắk Nia (old-24628 / Phường Đông Gia Nghĩa 24617), 2022-07-01..2022-09-30: 22 patrols, 6 road-corridor
 *   campaigns fixing 2 high-risk traffic points, 5 fights resolved, 1 festival day and 1 forum with 310
 *   attendees, 1 detonator gun and 10 home-made guns, 20 village meetings, 1 charity work.
 * - Phường 5, Trà Vinh (old-29248 / Phường Hòa Thuận 29398), 2024: 4 crime-prevention models (1 new).
 * - Huyện Lệ Thủy (old-44-huyen-le-thuy), end of 2018: 66 models, of which the article names 14.
 */

const DEMO_KEY = "demo.movement";

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface U {
  id: number;
  provinceId: number | null;
}

async function units(ex: Executor, codes: string[]): Promise<Map<string, U>> {
  const rows = await ex
    .selectFrom("org_units")
    .select(["id", "code", "kind", "province_id"])
    .where("code", "in", codes)
    .execute();
  return new Map(
    rows.map((r) => [r.code!, { id: r.id, provinceId: r.kind === "province" ? r.id : r.province_id }]),
  );
}

/** Splits a total into n positive parts that add up exactly. */
function split(total: number, n: number, rand: () => number): number[] {
  const weights = Array.from({ length: n }, () => 0.6 + rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  parts[parts.length - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

export async function loadMovementDemo(db: Db): Promise<void> {
  if (await demoLoaded(db, DEMO_KEY)) return;
  const kindRows = await db.selectFrom("movement_activity_kinds").select(["id", "code"]).execute();
  const kindId = new Map(kindRows.map((k) => [k.code, k.id]));
  const typeRows = await db.selectFrom("movement_model_types").select(["id", "code"]).execute();
  const typeId = new Map(typeRows.map((t) => [t.code, t.id]));

  const QT_DISTRICTS = [
    "old-45-huyen-cam-lo",
    "old-45-huyen-da-krong",
    "old-45-huyen-gio-linh",
    "old-45-huyen-hai-lang",
    "old-45-huyen-huong-hoa",
    "old-45-huyen-trieu-phong",
    "old-45-huyen-vinh-linh",
    "old-45-thanh-pho-dong-ha",
    "old-45-thi-xa-quang-tri",
  ];
  const LE_THUY_COMMUNES = [
    "old-19246",
    "old-19249",
    "old-19252",
    "old-19255",
    "old-19258",
    "old-19261",
    "old-19264",
    "old-19267",
    "old-19270",
    "old-19273",
    "old-19276",
    "old-19279",
    "old-19285",
    "old-19288",
    "old-19291",
    "old-19294",
    "old-19297",
    "old-19300",
    "old-19303",
    "old-19306",
    "old-19309",
    "old-19312",
    "old-19315",
    "old-19318",
    "old-19321",
    "old-19327",
  ];
  const u = await units(db, [
    "old-45",
    ...QT_DISTRICTS,
    "old-24628",
    "old-29248",
    "old-44-huyen-le-thuy",
    "old-44-huyen-quang-ninh",
    "old-19645",
    ...LE_THUY_COMMUNES,
  ]);
  if (!u.has("old-45") || !u.has("old-24628") || !u.has("old-44-huyen-le-thuy")) return; // no reference history
  const qtCommunes = await db
    .selectFrom("org_units as c")
    .innerJoin("org_units as d", "d.id", "c.parent_id")
    .select(["c.id", "c.province_id"])
    .where("d.code", "in", [
      "old-45-huyen-trieu-phong",
      "old-45-huyen-gio-linh",
      "old-45-thanh-pho-dong-ha",
      "old-45-huyen-hai-lang",
    ])
    .orderBy("c.id")
    .execute();

  const rand = rng(20190806);
  const activities: Insertable<MovementActivitiesTable>[] = [];
  const act = (
    code: string,
    unit: U,
    on: string,
    title: string,
    results: Record<string, number>,
    extra: Partial<Insertable<MovementActivitiesTable>> = {},
  ) =>
    activities.push({
      unit_id: unit.id,
      province_id: unit.provinceId,
      kind_id: kindId.get(code)!,
      kind: code,
      occurred_on: on,
      title,
      participants: results.attendance ?? null,
      results: JSON.stringify(results),
      partners: "[]",
      is_demo: true,
      ...extra,
    });

  // ------------------------------------------------------------ Quảng Trị 2016–2019
  const qt = u.get("old-45")!;
  const points = [27, 27, 27, 27, 27, 27, 27, 28, 28];
  const people = [746, 746, 746, 746, 746, 746, 746, 746, 752];
  const campaignDates = [
    "2016-04-12",
    "2016-10-03",
    "2017-03-20",
    "2017-09-11",
    "2018-01-15",
    "2018-06-04",
    "2018-11-19",
    "2019-03-25",
    "2019-06-17",
  ];
  campaignDates.forEach((on, i) => {
    act(
      "peak_campaign",
      qt,
      on,
      `Đợt cao điểm tấn công, trấn áp tội phạm đợt ${i + 1}`,
      { attendance: people[i], residentialPoints: points[i] },
      {
        organiser: "Công an tỉnh Quảng Trị",
        programme: "Kế hoạch “Năm dân vận của Công an Quảng Trị”",
        narrative: "Ra quân đồng loạt tại các điểm dân cư trọng điểm, phức tạp về an ninh, trật tự.",
      },
    );
  });
  const districts = QT_DISTRICTS.map((c) => u.get(c)!).filter(Boolean);
  const pledgeParts = split(16_290, 27, rand);
  pledgeParts.forEach((n, i) => {
    const d = districts[i % districts.length];
    act(
      "pledge_drive",
      d,
      addDays("2016-02-01", Math.floor(i * 48 + rand() * 20)),
      "Vận động hộ gia đình ký cam kết không vi phạm pháp luật và tệ nạn xã hội",
      {
        householdsSigned: n,
        attendance: n + Math.floor(rand() * 40),
      },
    );
  });

  // ------------------------------------------------------------ Đắk Nia, round 1 of 2022 (1/7–30/9)
  const dn = u.get("old-24628")!;
  const round = {
    organiser: "Công an xã Đắk Nia",
    programme: "Mô hình “Dân vận khéo” “Tôi làm Công an xã” — đợt 1 năm 2022",
  };
  for (let i = 0; i < 22; i++)
    act(
      "patrol",
      dn,
      addDays("2022-07-02", Math.floor(i * 4.1)),
      "Tuần tra, kiểm soát bảo đảm trật tự, an toàn giao thông",
      { attendance: 6, patrolHours: 3, incidents: i % 7 === 0 ? 1 : 0 },
      round,
    );
  for (let i = 0; i < 6; i++)
    act(
      "road_corridor",
      dn,
      addDays("2022-07-09", i * 14),
      "Ra quân chấn chỉnh hành lang, lề đường Quốc lộ 28",
      { attendance: 15, trafficPointsFixed: i < 2 ? 1 : 0 },
      round,
    );
  for (let i = 0; i < 5; i++)
    act(
      "mediation",
      dn,
      addDays("2022-07-16", i * 15),
      "Ngăn chặn, giải quyết vụ đánh nhau do sử dụng rượu, bia",
      { casesMediated: 1, fightsResolved: 1 },
      round,
    );
  for (let i = 0; i < 20; i++)
    act(
      "village_meeting",
      dn,
      addDays("2022-07-05", Math.floor(i * 4.3)),
      "Họp thôn, bon nắm tình hình, tuyên truyền pháp luật",
      { attendance: 40 + (i % 5) * 5 },
      round,
    );
  act(
    "festival_day",
    dn,
    "2022-08-19",
    "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    { attendance: 310 },
    {
      ...round,
      narrative:
        "Tổ chức cùng Diễn đàn Công an xã lắng nghe ý kiến Nhân dân; lồng ghép vận động giao nộp vũ khí.",
    },
  );
  act(
    "charity",
    dn,
    "2022-09-10",
    "Làm mới sân (trên 30 m²) cho hộ đồng bào dân tộc thiểu số có hoàn cảnh khó khăn",
    { beneficiaries: 1 },
    {
      ...round,
      partners: JSON.stringify(["Nhà hảo tâm địa phương"]),
    },
  );

  const weapons: { s: Insertable<MovementWeaponSurrendersTable>; items: [WeaponCategory, number][] }[] = [];
  weapons.push({
    s: {
      unit_id: dn.id,
      province_id: dn.provinceId,
      surrendered_on: "2022-08-19",
      place: "Ngày hội toàn dân bảo vệ ANTQ, xã Đắk Nia",
      receiving_officer_name: "Cán bộ Công an xã Đắk Nia",
      storage_ref: "Kho Công an TP Gia Nghĩa",
      receipt_no: "01/BB-2022",
      is_demo: true,
    },
    items: [
      ["detonator_gun", 1],
      ["homemade_gun", 10],
    ],
  });
  // Quảng Trị: 101 guns of all kinds over 2016–2019
  const gunKinds: [WeaponCategory, number][] = [
    ["hunting_gun", 38],
    ["homemade_gun", 45],
    ["military_gun", 12],
    ["detonator_gun", 6],
  ];
  let seq = 0;
  for (const [cat, total] of gunKinds) {
    for (const n of split(total, 6, rand)) {
      const d = districts[seq % districts.length];
      const on = addDays("2016-03-01", Math.floor(seq * 51 + rand() * 20));
      seq++;
      weapons.push({
        s: {
          unit_id: d.id,
          province_id: d.provinceId,
          surrendered_on: on,
          place: "Trụ sở Công an",
          receiving_officer_name: "Cán bộ tiếp nhận [Demo]",
          storage_ref: "Kho vũ khí Công an huyện",
          receipt_no: `${String(seq).padStart(2, "0")}/BB-${on.slice(0, 4)}`,
          is_demo: true,
        },
        items:
          seq % 4 === 0
            ? [
                [cat, n],
                ["ammunition", 5 + (seq % 7)],
              ]
            : [[cat, n]],
      });
    }
  }

  // ------------------------------------------------------------ models
  type M = Insertable<MovementModelsTable> & {
    covers?: number[];
    replicaOf?: string;
    key?: string;
    review?: string;
    recognised?: [string, string];
  };
  const models: M[] = [];
  const model = (unit: U, type: string, name: string, launched: string, extra: Partial<M> = {}) =>
    models.push({
      unit_id: unit.id,
      province_id: unit.provinceId,
      type_id: typeId.get(type)!,
      name,
      launched_on: launched,
      partners: JSON.stringify([]),
      is_demo: true,
      ...extra,
    });
  // Quảng Trị, named in the article
  if (u.get("old-19645"))
    model(
      u.get("old-19645")!,
      "religious",
      "Giáo xứ Phan Xá đoàn kết bảo vệ an ninh Tổ quốc, xây dựng nông thôn mới",
      "2018-05-20",
      { partners: JSON.stringify(["Giáo xứ Phan Xá", "Ủy ban MTTQ xã Triệu Đại"]) },
    );
  model(
    u.get("old-45-huyen-gio-linh")!,
    "religious",
    "Niệm phật đường trật tự, an toàn, kỉ cương (xã Linh Hải)",
    "2018-08-10",
    { partners: JSON.stringify(["Niệm phật đường Linh Hải"]) },
  );
  model(
    u.get("old-45-thanh-pho-dong-ha")!,
    "religious",
    "Phật giáo Đông Hà tham gia phong trào Toàn dân bảo vệ an ninh Tổ quốc và xây dựng văn minh đô thị",
    "2018-10-02",
    { partners: JSON.stringify(["Ban Trị sự Giáo hội Phật giáo TP Đông Hà"]) },
  );

  // Phường 5, Trà Vinh: four crime-prevention models (the camera one launched in 2024)
  const p5 = u.get("old-29248");
  if (p5) {
    model(p5, "crime_prevention", "Tuyên truyền, giáo dục, cảm hóa đối tượng", "2019-03-15", {
      partners: JSON.stringify(["Ủy ban MTTQ Phường 5", "Hội Cựu chiến binh"]),
    });
    model(p5, "reintegration", "Vận động gây quỹ hỗ trợ tái hòa nhập cộng đồng", "2020-06-01", {
      partners: JSON.stringify(["Hội Liên hiệp Phụ nữ Phường 5"]),
    });
    model(p5, "crime_prevention", "“4 không”", "2021-09-09");
    model(p5, "security_camera", "Camera an ninh", "2024-05-19", {
      camera_points: 18,
      key: "p5-camera",
      partners: JSON.stringify(["Ban nhân dân các khóm"]),
    });
  }

  // Lệ Thủy: 66 models; the article names 14, the rest are generic and labelled [Demo]
  const lt = u.get("old-44-huyen-le-thuy")!;
  const c = (code: string) => u.get(code)!;
  model(
    lt,
    "retired_police_club",
    "Trẻ xông pha, già chung sức (Công an huyện phối hợp Câu lạc bộ Công an hưu trí)",
    "2014-08-19",
    { review: "2017-12-20", recognised: ["typical", "province"] },
  );
  if (u.get("old-44-huyen-quang-ninh"))
    model(
      lt,
      "border_cluster",
      "Cụm giáp ranh đấu tranh phòng, chống tội phạm, đảm bảo ANTT Lệ Thủy – Quảng Ninh",
      "2013-05-10",
      { covers: [u.get("old-44-huyen-quang-ninh")!.id], review: "2017-06-15" },
    );
  model(
    lt,
    "border_cluster",
    "Cụm liên hoàn an toàn về ANTT Lệ Thủy (Quảng Bình) – Vĩnh Linh (Quảng Trị)",
    "2012-09-20",
    { covers: [u.get("old-45-huyen-vinh-linh")!.id], review: "2017-09-12", key: "cluster-vl" },
  );
  const safe = ["old-19258", "old-19291", "old-19285", "old-19303", "old-19315"]; // Hoa, Dương, Liên, Mỹ, Thái Thủy
  safe.forEach((code, i) => {
    model(
      c(code),
      "safe_area",
      "Thôn, xóm an toàn về ANTT",
      addDays("2015-03-01", i * 70),
      i === 0 ? { key: "safe-root" } : { replicaOf: "safe-root" },
    );
  });
  const youth = ["old-19264", "old-19279", "old-19261"]; // An, Lộc, Thanh Thủy
  youth.forEach((code, i) => {
    model(
      c(code),
      "youth_union",
      "Đoàn viên thanh niên nói không với ma túy, tai nạn giao thông và tệ nạn xã hội",
      addDays("2016-03-26", i * 90),
      i === 0 ? { key: "youth-root", recognised: ["dan_van_kheo", "district"] } : { replicaOf: "youth-root" },
    );
  });
  model(c("old-19264"), "household_group", "Tổ liên gia tự quản", "2015-06-01", { key: "lg-root" });
  model(c("old-19255"), "people_patrol", "Tổ tuần tra nhân dân", "2016-01-15");
  model(
    c("old-19306"),
    "crime_prevention",
    "Anh bộ đội Cụ Hồ, trẻ xông pha, già mẫu mực (xã Ngư Thủy Trung cũ)",
    "2017-07-27",
  );
  const generic: [string, string][] = [
    ["household_group", "Tổ liên gia tự quản"],
    ["people_patrol", "Tổ tuần tra nhân dân"],
    ["security_camera", "Camera an ninh"],
    ["crime_free_area", "Khu dân cư không có tội phạm và tệ nạn xã hội"],
    ["law_abiding_clan", "Dòng họ không có người vi phạm pháp luật"],
    ["school", "Cổng trường an toàn giao thông"],
  ];
  for (let i = 0; i < 52; i++) {
    const code = LE_THUY_COMMUNES[i % LE_THUY_COMMUNES.length];
    const [type, name] = generic[i % generic.length];
    model(
      c(code),
      type,
      `[Demo] ${name} số ${Math.floor(i / LE_THUY_COMMUNES.length) + 1}`,
      addDays("2010-01-15", i * 57),
      {
        ...(type === "household_group" && { replicaOf: "lg-root" }),
        ...(type === "security_camera" && { camera_points: 4 + (i % 6) }),
      },
    );
  }

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < activities.length; i += 500)
      await trx
        .insertInto("movement_activities")
        .values(activities.slice(i, i + 500))
        .execute();
    for (const w of weapons) {
      const s = await trx
        .insertInto("movement_weapon_surrenders")
        .values(w.s)
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("movement_weapon_items")
        .values(w.items.map(([category, quantity]) => ({ surrender_id: s.id, category, quantity })))
        .execute();
    }
    // forums: 22 held by Quảng Trị's district police in 2016–2019, and Đắk Nia's on the festival day
    const forums = Array.from({ length: 22 }, (_, i) => {
      const d = districts[i % districts.length];
      return {
        unit_id: d.id,
        province_id: d.provinceId,
        title: "Diễn đàn “Công an lắng nghe ý kiến Nhân dân”",
        held_on: addDays("2016-05-10", Math.floor(i * 55 + rand() * 10)),
        place: "Hội trường UBND [Demo]",
        invitees: "Đại diện cấp ủy, chính quyền, Mặt trận Tổ quốc, các đoàn thể, người có uy tín",
        status: "held" as const,
        attendance: 80 + Math.floor(rand() * 120),
        is_demo: true,
      };
    });
    forums.push({
      unit_id: dn.id,
      province_id: dn.provinceId,
      title: "Diễn đàn Công an xã lắng nghe ý kiến Nhân dân",
      held_on: "2022-08-19",
      place: "Sân vận động xã Đắk Nia",
      invitees: "Cấp ủy, chính quyền xã, già làng, người có uy tín, Nhân dân các thôn, bon",
      status: "held",
      attendance: 310,
      is_demo: true,
    });
    await trx.insertInto("movement_forums").values(forums).execute();
    // the pledge register of 2019: households and signatures in 40 communes of Quảng Trị (16,290 signed)
    const signed = split(16_290, Math.min(40, qtCommunes.length), rand);
    await trx
      .insertInto("movement_pledges")
      .values(
        signed.map((n, i) => ({
          unit_id: qtCommunes[i].id,
          province_id: qtCommunes[i].province_id,
          year: 2019,
          households: n + Math.floor(rand() * 30),
          households_signed: n,
          note: "[Demo] số liệu minh họa",
          is_demo: true,
        })),
      )
      .execute();
    const ids = new Map<string, number>();
    for (const m of models) {
      const { covers, replicaOf, key, review, recognised, ...row } = m;
      const inserted = await trx
        .insertInto("movement_models")
        .values({
          ...row,
          replicated_from_id: replicaOf ? (ids.get(replicaOf) ?? null) : null,
          review_every_months: 12,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (key) ids.set(key, inserted.id);
      await trx
        .insertInto("movement_model_units")
        .values(
          [...new Set([row.unit_id, ...(covers ?? [])])].map((unit_id) => ({
            model_id: inserted.id,
            unit_id,
          })),
        )
        .execute();
      if (review)
        await trx
          .insertInto("movement_model_reviews")
          .values({
            model_id: inserted.id,
            kind: "interim",
            reviewed_on: review,
            rating: "effective",
            findings: "Mô hình hoạt động hiệu quả, đề nghị nhân rộng. [Demo]",
          })
          .execute();
      if (recognised)
        await trx
          .insertInto("movement_model_recognitions")
          .values({
            model_id: inserted.id,
            kind: recognised[0] as "typical",
            level: recognised[1] as "province",
            decision_ref: "Quyết định khen thưởng [Demo]",
            recognised_on: addDays(review ?? row.launched_on, 60),
          })
          .execute();
      await trx
        .insertInto("movement_model_members")
        .values(
          Array.from({ length: 3 + (inserted.id % 5) }, (_, k) => ({
            model_id: inserted.id,
            full_name: `Thành viên ${k + 1} [Demo]`,
            role: k === 0 ? "Tổ trưởng" : "Thành viên",
            joined_on: row.launched_on,
          })),
        )
        .execute();
    }
    const cam = ids.get("p5-camera");
    if (cam)
      await trx
        .insertInto("movement_camera_consents")
        .values(
          Array.from({ length: 6 }, (_, k) => ({
            model_id: cam,
            owner_name: `Hộ kinh doanh ${k + 1} [Demo]`,
            cameras: 1 + (k % 3),
            confirmed_on: "2024-05-19",
          })),
        )
        .execute();
    await markDemoLoaded(trx, DEMO_KEY);
    await recordAudit(
      trx,
      { kind: "system" },
      {
        action: "movement.demo_loaded",
        targetType: "movement_demo",
        after: {
          activities: activities.length,
          models: models.length,
          weapons: weapons.length,
          forums: forums.length,
        },
      },
    );
  });
}
