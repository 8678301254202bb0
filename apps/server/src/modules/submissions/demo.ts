import { VALUABLE_OUTCOMES } from "@danvan/shared/schemas/submissions";
import { sql } from "kysely";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { addCalendarDays, computeClock, todayInVietnam } from "./clock.ts";
import { loadCalendar, loadRules } from "./repo.ts";
import { ruleCodeFor } from "./workflow.ts";

/*
 * Demo items of the citizen channel (DEMO_LOADERS): anonymous, clearly labelled "[Dữ liệu mẫu]", in
 * Phường Đông Gia Nghĩa (Lâm Đồng) and Phường Hòa Thuận (Vĩnh Long), in different states. They carry
 * no receipt code and no identity (the demo runs before the server's keys are loaded).
 *
 * A second loader (loadSubmissionsHistoryDemo) adds the closed items behind the seed articles' figures,
 * labelled "[Dữ liệu mẫu lịch sử]" and filed on the units of their time (DOMAIN.md, "Figures quoted in the
 * articles"):
 * - old Quảng Trị (old-45, its communes): crime reports of 2016–2019, 706 of them closed as valuable
 *   (submissions.valuable_tips over 2016-01-01..2019-12-31, the article's "hơn 705 tin có giá trị"), with
 *   the other outcomes and some security feedback;
 * - Phường 5, Trà Vinh (old-29248, today in Phường Hòa Thuận): 14 crime reports of 2024, every one closed
 *   on time (submissions.on_time_pct 100 for 2024).
 */
const LABEL = "[Dữ liệu mẫu]";
const HISTORY_LABEL = "[Dữ liệu mẫu lịch sử]";

interface DemoItem {
  kind: "crime_report" | "security_feedback" | "conduct_feedback" | "complaint" | "denunciation";
  channel: string;
  daysAgo: number;
  title: string;
  content: string;
  status: "received" | "accepted" | "in_progress" | "closed";
  outcome?: string;
  rating?: number;
  question?: string;
  answer?: string;
  toParent?: boolean;
}

const ITEMS: Record<string, DemoItem[]> = {
  "Lâm Đồng/Đông Gia Nghĩa": [
    {
      kind: "crime_report",
      channel: "web",
      daysAgo: 6,
      title: "Nghi vấn tụ tập đánh bạc ở rẫy cà phê",
      content:
        "Khoảng 22 giờ các tối gần đây có nhiều xe máy tập trung tại chòi rẫy cà phê cuối bon, nghi đánh bạc.",
      status: "in_progress",
      question: "Bạn có thể cho biết chòi rẫy gần nhà ai hoặc mốc nào dễ nhận biết không?",
      answer: "Chòi cạnh cây điều lớn, cách trạm bơm nước khoảng 200 mét.",
    },
    {
      kind: "crime_report",
      channel: "walk_in",
      daysAgo: 40,
      title: "Tin báo trộm cắp máy bơm nước",
      content: "Người dân báo mất 02 máy bơm nước tại rẫy; đã cung cấp đặc điểm xe chở máy bơm.",
      status: "closed",
      outcome: "valuable_tip",
      rating: 5,
    },
    {
      kind: "security_feedback",
      channel: "web",
      daysAgo: 1,
      title: "Lấn chiếm hành lang đường",
      content: "Một số hộ bày hàng hóa lấn chiếm lòng đường trước chợ vào buổi sáng, gây ùn tắc.",
      status: "received",
    },
    {
      kind: "conduct_feedback",
      channel: "forum",
      daysAgo: 12,
      title: "Góp ý thái độ tiếp dân",
      content:
        "Tại diễn đàn lắng nghe ý kiến Nhân dân, một người dân góp ý cán bộ trực ban trả lời thiếu nhiệt tình.",
      status: "in_progress",
      toParent: true,
    },
  ],
  "Vĩnh Long/Hòa Thuận": [
    {
      kind: "complaint",
      channel: "letter",
      daysAgo: 15,
      title: "Khiếu nại quyết định xử phạt",
      content: "Công dân khiếu nại quyết định xử phạt vi phạm hành chính về trật tự công cộng.",
      status: "accepted",
    },
    {
      kind: "crime_report",
      channel: "phone",
      daysAgo: 30,
      title: "Tin báo lừa đảo qua mạng",
      content: "Người dân báo bị lừa chuyển tiền qua mạng xã hội với thủ đoạn giả danh nhân viên ngân hàng.",
      status: "in_progress",
    },
    {
      kind: "security_feedback",
      channel: "web",
      daysAgo: 20,
      title: "Đèn đường hư hỏng ở khóm",
      content: "Đèn chiếu sáng đoạn đường vào khóm bị hư lâu ngày, ban đêm tối, dễ xảy ra trộm cắp.",
      status: "closed",
      outcome: "resolved",
      rating: 4,
    },
  ],
};

export async function loadSubmissionsDemo(db: Db): Promise<void> {
  const existing = await db
    .selectFrom("submissions")
    .select("id")
    .where("title", "like", `${LABEL}%`)
    .executeTakeFirst();
  if (existing) return;
  const rules = await loadRules(db);
  const calendar = await loadCalendar(db);
  const today = todayInVietnam();
  for (const [key, items] of Object.entries(ITEMS)) {
    const [provinceName, communeName] = key.split("/");
    const commune = await db
      .selectFrom("org_units as c")
      .innerJoin("org_units as p", "p.id", "c.province_id")
      .select(["c.id", "c.parent_id", "c.province_id", "c.is_remote", "c.name"])
      .where("c.kind", "=", "commune")
      .where("c.place_name", "=", communeName)
      .where("p.place_name", "=", provinceName)
      .where("c.valid_to", "is", null)
      .executeTakeFirst();
    if (!commune) continue;
    const officer = await db
      .selectFrom("users")
      .select("id")
      .where("unit_id", "=", commune.id)
      .where("username", "=", "demo.xa")
      .executeTakeFirst();
    await db.transaction().execute(async (trx) => {
      for (const it of items) {
        const receivedOn = addCalendarDays(today, -it.daysAgo);
        const accepted = it.status === "accepted";
        const ruleCode = ruleCodeFor(it.kind, accepted ? "accepted" : "start");
        const startedOn = accepted ? addCalendarDays(receivedOn, 5) : receivedOn;
        const rule = rules.get(ruleCode)!;
        const clock = computeClock(
          rule,
          { startedOn, complex: false, remote: commune.is_remote, decisions: [], today },
          calendar,
        );
        const unitId = it.toParent && commune.parent_id ? commune.parent_id : commune.id;
        const closed = it.status === "closed";
        const closedOn = closed ? addCalendarDays(receivedOn, Math.min(it.daysAgo, 12)) : null;
        const row = await trx
          .insertInto("submissions")
          .values({
            kind: it.kind,
            channel: it.channel,
            status: it.status,
            unit_id: unitId,
            province_id: commune.province_id,
            place_unit_id: commune.id,
            title: `${LABEL} ${it.title}`,
            content: it.content,
            received_on: receivedOn,
            received_at: sql<string>`(${receivedOn}::date + time '08:30') at time zone 'Asia/Ho_Chi_Minh'`,
            anonymous: true,
            assignee_id: it.status === "in_progress" && !it.toParent ? (officer?.id ?? null) : null,
            rule_code: ruleCode,
            clock_started_on: startedOn,
            is_remote: commune.is_remote,
            due_on: clock.dueOn,
            closed_at: closedOn
              ? sql<string>`(${closedOn}::date + time '16:00') at time zone 'Asia/Ho_Chi_Minh'`
              : null,
            closed_on: closedOn,
            closed_on_time: closed ? closedOn! <= clock.dueOn : null,
            outcome: it.outcome ?? null,
            rating: it.rating ?? null,
            rated_at: it.rating ? sql<string>`now()` : null,
            sub_status: it.question ? "verifying" : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("submission_events")
          .values({
            submission_id: row.id,
            kind: "received",
            to_unit_id: unitId,
            // the timeline starts when the item was received, not when the demo was loaded
            at: sql<string>`(${receivedOn}::date + time '08:30') at time zone 'Asia/Ho_Chi_Minh'`,
            data: JSON.stringify({ channel: it.channel, demo: true }),
          })
          .execute();
        if (accepted)
          await trx
            .insertInto("submission_decisions")
            .values({
              submission_id: row.id,
              kind: "acceptance",
              decided_on: startedOn,
              reason: "Thụ lý giải quyết (dữ liệu mẫu)",
            })
            .execute();
        if (it.question)
          await trx
            .insertInto("submission_messages")
            .values({
              submission_id: row.id,
              author: "officer",
              visibility: "public",
              kind: "question",
              body: it.question,
              author_id: officer?.id ?? null,
            })
            .execute();
        if (it.answer)
          await trx
            .insertInto("submission_messages")
            .values({
              submission_id: row.id,
              author: "citizen",
              visibility: "public",
              kind: "answer",
              body: it.answer,
            })
            .execute();
        await recordAudit(
          trx,
          { kind: "system" },
          {
            action: "submission.demo_loaded",
            targetType: "submission",
            targetId: row.id,
            unitId,
            after: { kind: it.kind, status: it.status },
          },
        );
      }
      await trx
        .insertInto("crime_warnings")
        .values({
          unit_id: commune.id,
          province_id: commune.province_id,
          title: `${LABEL} Cảnh báo thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền`,
          body: 'Các đối tượng gọi điện xưng là cán bộ công an, thông báo người dân liên quan vụ án và yêu cầu chuyển tiền vào tài khoản để "xác minh". Công an không giải quyết công việc qua điện thoại và không yêu cầu chuyển tiền. Khi nhận cuộc gọi như vậy, hãy báo ngay cho Công an phường.',
          published_on: addCalendarDays(today, -3),
        })
        .execute();
    });
  }
}

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CRIME_TOPICS: [string, string][] = [
  ["Tin báo trộm cắp tài sản", "Người dân báo mất trộm tài sản trong nhà, cung cấp đặc điểm người khả nghi."],
  [
    "Tin báo tụ tập đánh bạc",
    "Người dân báo một nhóm người thường tụ tập đánh bạc vào buổi tối tại chòi rẫy.",
  ],
  [
    "Tin báo mua bán trái phép chất ma túy",
    "Người dân báo có người lạ thường xuyên ra vào một nhà trọ, nghi mua bán ma túy.",
  ],
  [
    "Tin báo khai thác cát, sỏi trái phép",
    "Người dân báo có thuyền hút cát trái phép trên sông vào ban đêm.",
  ],
  ["Tin báo tàng trữ, mua bán pháo nổ", "Người dân báo một hộ tàng trữ, bán pháo nổ dịp cận Tết."],
  ["Tin báo cố ý gây thương tích", "Người dân báo xảy ra xô xát, đánh nhau gây thương tích tại quán ăn."],
  [
    "Tin báo vận chuyển lâm sản trái phép",
    "Người dân báo xe tải chở gỗ không rõ nguồn gốc qua địa bàn lúc rạng sáng.",
  ],
  [
    "Tin báo lừa đảo chiếm đoạt tài sản",
    "Người dân báo bị lừa đặt cọc mua đất, đối tượng đã chiếm đoạt tiền.",
  ],
  ["Tin báo cho vay lãi nặng", "Người dân báo một nhóm cho vay với lãi suất rất cao, đe dọa người vay."],
];
const FEEDBACK_TOPICS: [string, string][] = [
  [
    "Phản ánh tiếng ồn kéo dài ban đêm",
    "Một số hộ mở nhạc lớn đến khuya, ảnh hưởng đến sinh hoạt của người dân.",
  ],
  [
    "Phản ánh thanh thiếu niên tụ tập",
    "Nhóm thanh thiếu niên thường tụ tập, chạy xe lạng lách trên đường liên thôn.",
  ],
  [
    "Phản ánh lấn chiếm lòng đường",
    "Hộ kinh doanh bày hàng hóa lấn chiếm lòng đường, gây mất an toàn giao thông.",
  ],
];
/** How crime reports reached the police before the online channel. */
const OLD_CHANNELS = ["walk_in", "walk_in", "walk_in", "phone", "phone", "phone", "letter", "other"];

interface HistoryItem {
  kind: "crime_report" | "security_feedback";
  channel: string;
  unitId: number;
  provinceId: number | null;
  placeUnitId: number;
  remote: boolean;
  receivedOn: string;
  closeDays: number;
  outcome: string;
  topic: [string, string];
}

/**
 * The closed items behind the articles' figures (see the comment at the top), in one transaction. Runs once
 * per database (its own DEMO_LOADERS key), and does nothing when its items are already there.
 */
export async function loadSubmissionsHistoryDemo(db: Db): Promise<void> {
  const existing = await db
    .selectFrom("submissions")
    .select("id")
    .where("title", "like", `${HISTORY_LABEL}%`)
    .executeTakeFirst();
  if (existing) return;
  const oldQt = await db
    .selectFrom("org_units")
    .select(["id", "is_remote"])
    .where("code", "=", "old-45")
    .executeTakeFirst();
  const p5 = await db
    .selectFrom("org_units")
    .select(["id", "province_id", "is_remote"])
    .where("code", "=", "old-29248")
    .executeTakeFirst();
  if (!oldQt || !p5) return; // no reference history: nothing to attach to
  // the communes of old Quảng Trị that existed through 2016–2019
  const communes = await db
    .selectFrom("org_units")
    .select(["id", "is_remote"])
    .where("kind", "=", "commune")
    .where(sql<boolean>`path <@ (select path from org_units where id = ${oldQt.id})`)
    .where("valid_from", "<=", "2016-01-01")
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", "2019-12-31")]))
    .orderBy("id")
    .execute();
  if (communes.length === 0) return;
  const rules = await loadRules(db);
  const calendar = await loadCalendar(db);
  const rand = rng(20191231);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const items: HistoryItem[] = [];

  // ------------------------------------------------------------ old Quảng Trị, 2016–2019
  const VALUABLE = [162, 171, 180, 193]; // 706 in all
  const OTHER: [string, number][] = [
    ["not_confirmed", 64],
    ["transferred_out", 14],
    ["not_in_competence", 9],
    ["duplicate", 5],
  ];
  VALUABLE.forEach((valuable, y) => {
    const year = 2016 + y;
    const outcomes = [
      ...Array.from({ length: valuable }, (_, i) => (i % 4 === 3 ? "led_to_case" : "valuable_tip")),
      ...OTHER.flatMap(([outcome, n]) => Array.from({ length: n }, () => outcome)),
    ];
    // shuffled, then spread evenly over the year's days
    for (let i = outcomes.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [outcomes[i], outcomes[j]] = [outcomes[j], outcomes[i]];
    }
    const feedback = 25;
    const n = outcomes.length + feedback;
    for (let k = 0; k < n; k++) {
      const commune = pick(communes);
      // most items are handled by the commune, some by the province's police
      const atProvince = rand() < 0.15;
      const isFeedback = k >= outcomes.length;
      items.push({
        kind: isFeedback ? "security_feedback" : "crime_report",
        channel: pick(OLD_CHANNELS),
        unitId: atProvince ? oldQt.id : commune.id,
        provinceId: oldQt.id,
        placeUnitId: commune.id,
        remote: atProvince ? oldQt.is_remote : commune.is_remote,
        // spread over the year's days in a scattered order, so that feedback is not all in December
        receivedOn: addCalendarDays(`${year}-01-01`, Math.floor((((k * 7919) % n) * 365) / n)),
        closeDays: isFeedback
          ? 2 + Math.floor(rand() * 7)
          : rand() < 0.04
            ? 21 + Math.floor(rand() * 10) // a few decisions came after the deadline
            : 2 + Math.floor(rand() * 17),
        outcome: isFeedback ? "resolved" : outcomes[k],
        topic: pick(isFeedback ? FEEDBACK_TOPICS : CRIME_TOPICS),
      });
    }
  });

  // ------------------------------------------------------------ Phường 5, Trà Vinh, 2024: all on time
  // the tips of the year: five led to a case (the ward's 5 cases), four more were of value
  const P5_OUTCOMES = [
    "led_to_case",
    "valuable_tip",
    "not_confirmed",
    "led_to_case",
    "valuable_tip",
    "transferred_out",
    "led_to_case",
    "not_confirmed",
    "valuable_tip",
    "led_to_case",
    "transferred_out",
    "valuable_tip",
    "led_to_case",
    "not_confirmed",
  ];
  P5_OUTCOMES.forEach((outcome, k) => {
    items.push({
      kind: "crime_report",
      channel: ["walk_in", "phone", "web", "walk_in"][k % 4],
      unitId: p5.id,
      provinceId: p5.province_id,
      placeUnitId: p5.id,
      remote: p5.is_remote,
      receivedOn: addCalendarDays("2024-01-08", k * 24),
      closeDays: 3 + ((k * 5) % 13),
      outcome,
      topic: CRIME_TOPICS[[0, 2, 7, 1, 5][k % 5]],
    });
  });

  const rows = items.map((it) => {
    const rule = rules.get(ruleCodeFor(it.kind, "start"))!;
    // an item of the last year (2019, 2024) is received early enough to be closed within it
    const lastDay = it.receivedOn < "2020-01-01" ? "2019-12-31" : "2024-12-31";
    const late = addCalendarDays(it.receivedOn, it.closeDays) > lastDay;
    const receivedOn = late ? addCalendarDays(it.receivedOn, -it.closeDays) : it.receivedOn;
    const closedOn = addCalendarDays(receivedOn, it.closeDays);
    const clock = computeClock(
      rule,
      { startedOn: receivedOn, complex: false, remote: it.remote, decisions: [], today: closedOn },
      calendar,
    );
    return {
      kind: it.kind,
      channel: it.channel,
      status: "closed" as const,
      unit_id: it.unitId,
      province_id: it.provinceId,
      place_unit_id: it.placeUnitId,
      title: `${HISTORY_LABEL} ${it.topic[0]}`,
      content: it.topic[1],
      received_on: receivedOn,
      // received between 08:00 and 10:59, closed at 16:00 (Vietnam time)
      received_at: `${receivedOn}T0${1 + (it.closeDays % 3)}:${String((it.closeDays * 7) % 60).padStart(2, "0")}:00.000Z`,
      anonymous: true,
      rule_code: rule.code,
      clock_started_on: receivedOn,
      is_remote: it.remote,
      due_on: clock.dueOn,
      closed_at: `${closedOn}T09:00:00.000Z`,
      closed_on: closedOn,
      closed_on_time: closedOn <= clock.dueOn,
      outcome: it.outcome,
      created_at: `${receivedOn}T01:00:00.000Z`,
      updated_at: `${closedOn}T09:00:00.000Z`,
    };
  });

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 400)
      await trx
        .insertInto("submissions")
        .values(rows.slice(i, i + 400))
        .execute();
    // the trail of each item: received at its unit, closed with its outcome
    await sql`insert into submission_events (submission_id, at, kind, to_unit_id, data)
      select id, received_at, 'received', unit_id, jsonb_build_object('channel', channel, 'demo', true)
      from submissions where title like ${`${HISTORY_LABEL}%`}
      union all
      select id, closed_at, 'closed', null, jsonb_build_object('outcome', outcome, 'onTime', closed_on_time, 'demo', true)
      from submissions where title like ${`${HISTORY_LABEL}%`}
      order by 1, 2`.execute(trx);
    await recordAudit(
      trx,
      { kind: "system" },
      {
        action: "submission.demo_history_loaded",
        targetType: "submission_demo",
        after: {
          items: rows.length,
          valuable: rows.filter(
            (r) => r.kind === "crime_report" && (VALUABLE_OUTCOMES as readonly string[]).includes(r.outcome),
          ).length,
          late: rows.filter((r) => !r.closed_on_time).length,
        },
      },
    );
  });
}
