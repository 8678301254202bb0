import { sql } from "kysely";
import { createTransport } from "nodemailer";
import type { AppDeps } from "../../app.ts";
import type { Db } from "../../db/client.ts";
import { todayInVietnam } from "./clock.ts";

/*
 * The daily reminder: every open item due within 2 days or overdue produces one in-app notification a
 * day for its assignee and for the chiefs of its unit (and an e-mail when SMTP_URL is configured).
 * Notifications carry the item's reference only. The same sweep clears expired idempotency boxes and
 * throttle rows.
 */
export async function runReminders(db: Db, today = todayInVietnam()): Promise<{ created: number }> {
  const { rows } = await sql<{ n: number }>`
    with due as (
      select s.id, s.kind, s.received_on, s.unit_id, s.assignee_id, s.due_on, s.concerned_officer_id,
        (s.due_on < ${today}::date) as overdue
      from submissions s
      where s.status not in ('closed','merged') and not s.paused and s.due_on <= ${today}::date + 2
    ), people as (
      select d.*, d.assignee_id as user_id from due d where d.assignee_id is not null
      union
      select d.*, g.user_id from due d
      join role_grants g on g.unit_id = d.unit_id and g.role in ('commune_chief','province_staff')
        and g.revoked_at is null and g.valid_from <= current_date and (g.valid_to is null or g.valid_to >= current_date)
    ), ins as (
      insert into submission_notifications (user_id, submission_id, kind, title_vi, title_en, day)
      select p.user_id, p.id, case when p.overdue then 'overdue' else 'due_soon' end,
        case when p.overdue then 'Vụ việc ' || ref || ' đã quá hạn giải quyết (hạn ' || to_char(p.due_on, 'DD/MM/YYYY') || ')'
             else 'Vụ việc ' || ref || ' sắp đến hạn giải quyết (' || to_char(p.due_on, 'DD/MM/YYYY') || ')' end,
        case when p.overdue then 'Item ' || ref || ' is overdue (due ' || to_char(p.due_on, 'DD/MM/YYYY') || ')'
             else 'Item ' || ref || ' is due soon (' || to_char(p.due_on, 'DD/MM/YYYY') || ')' end,
        ${today}::date
      from (select p.*, (case p.kind when 'crime_report' then 'TG' when 'security_feedback' then 'PA'
              when 'conduct_feedback' then 'GY' when 'complaint' then 'KN' else 'TC' end)
              || '-' || to_char(p.received_on, 'YYYY') || '-' || lpad(p.id::text, 6, '0') as ref from people p) p
      where p.concerned_officer_id is distinct from p.user_id
      on conflict (user_id, submission_id, kind, day) do nothing
      returning 1
    )
    select count(*)::int as n from ins`.execute(db);
  return { created: Number(rows[0]?.n ?? 0) };
}

export async function purge(db: Db) {
  await sql`update submissions set idem_box = null where idem_box is not null and created_at < now() - interval '1 day'`.execute(
    db,
  );
  await sql`delete from throttle_hits where bucket in ('public_submit','receipt_miss','receipt_write') and at < now() - interval '1 day'`.execute(
    db,
  );
}

/** Sends pending reminder e-mails (one per person and day, listing references only). */
export async function sendReminderEmails(db: Db, smtpUrl: string, today = todayInVietnam()) {
  const rows = await db
    .selectFrom("submission_notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select(["n.id", "n.user_id", "n.title_vi", "u.email"])
    .where("n.day", "=", today)
    .where("n.emailed_at", "is", null)
    .where("n.kind", "in", ["due_soon", "overdue"])
    .where("u.email", "is not", null)
    .execute();
  const byUser = new Map<string, { ids: number[]; lines: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.email!) ?? { ids: [], lines: [] };
    entry.ids.push(r.id);
    entry.lines.push(`- ${r.title_vi}`);
    byUser.set(r.email!, entry);
  }
  if (byUser.size === 0) return;
  let mail: ReturnType<typeof reminderTransport>;
  try {
    mail = reminderTransport(smtpUrl);
  } catch {
    return; /* an unusable SMTP_URL: nothing is marked e-mailed, and the sweep goes on to purge */
  }
  const { transport, from } = mail;
  try {
    for (const [email, { ids, lines }] of byUser) {
      try {
        await transport.sendMail({
          from,
          to: email,
          subject: "Nhắc việc: vụ việc sắp đến hạn, quá hạn",
          text: lines.join("\r\n"),
        });
        await db
          .updateTable("submission_notifications")
          .set({ emailed_at: sql<string>`now()` })
          .where("id", "in", ids)
          .execute();
      } catch {
        /* retried at the next sweep */
      }
    }
  } finally {
    transport.close();
  }
}

/**
 * One SMTP connection pool for a sweep, from SMTP_URL: smtp:// (port 25 unless given) or smtps://
 * (port 465 unless given), optional user:password, optional ?from=address (default danvan@host).
 */
function reminderTransport(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const from = url.searchParams.get("from") ?? `danvan@${url.hostname}`;
  url.searchParams.delete("from");
  const transport = createTransport({
    url: url.href,
    port: secure ? 465 : 25,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 15_000,
  });
  return { transport, from };
}

/** Starts the periodic sweep; returns a stop function. */
export function startJobs(deps: AppDeps): () => void {
  const interval = deps.jobsIntervalMs ?? 0;
  if (interval <= 0) return () => {};
  let lastReminderDay = "";
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const today = todayInVietnam();
      if (today !== lastReminderDay) {
        await runReminders(deps.db, today);
        lastReminderDay = today;
      }
      if (deps.config.smtpUrl) await sendReminderEmails(deps.db, deps.config.smtpUrl, today);
      await purge(deps.db);
    } catch {
      /* the next sweep tries again */
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, interval);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return () => clearInterval(timer);
}
