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
 */
const LABEL = "[Dữ liệu mẫu]";

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
