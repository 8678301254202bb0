import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { sql } from "kysely";
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
  for (const [email, { ids, lines }] of byUser) {
    try {
      await sendMail(smtpUrl, email, "Nhắc việc: vụ việc sắp đến hạn, quá hạn", lines.join("\r\n"));
      await db
        .updateTable("submission_notifications")
        .set({ emailed_at: sql<string>`now()` })
        .where("id", "in", ids)
        .execute();
    } catch {
      /* retried at the next sweep */
    }
  }
}

/** A minimal SMTP client (smtp:// or smtps://, optional user:password for AUTH PLAIN). */
export async function sendMail(smtpUrl: string, to: string, subject: string, text: string): Promise<void> {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const port = Number(url.port || (secure ? 465 : 25));
  const from = url.searchParams.get("from") ?? `danvan@${url.hostname}`;
  const socket: Socket = secure
    ? tlsConnect({ host: url.hostname, port, servername: url.hostname })
    : netConnect({ host: url.hostname, port });
  socket.setEncoding("utf8");
  socket.setTimeout(15_000, () => socket.destroy(new Error("smtp timeout")));
  let buffer = "";
  const waiters: Array<(line: string) => void> = [];
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let i = buffer.indexOf("\r\n");
    while (i >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (/^\d{3} /.test(line)) waiters.shift()?.(line);
      i = buffer.indexOf("\r\n");
    }
  });
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      waiters.push(resolve);
      socket.once("error", reject);
    });
  const cmd = async (line: string | null, ok: string) => {
    if (line != null) socket.write(`${line}\r\n`);
    const r = await reply();
    if (!r.startsWith(ok)) throw new Error(`smtp: ${r.slice(0, 3)}`);
  };
  try {
    await cmd(null, "220");
    await cmd(`EHLO danvan`, "250");
    if (url.username) {
      const token = Buffer.from(
        `\u0000${decodeURIComponent(url.username)}\u0000${decodeURIComponent(url.password)}`,
      ).toString("base64");
      await cmd(`AUTH PLAIN ${token}`, "235");
    }
    await cmd(`MAIL FROM:<${from}>`, "250");
    await cmd(`RCPT TO:<${to}>`, "250");
    await cmd("DATA", "354");
    const encodedSubject = `=?UTF-8?B?${Buffer.from(subject).toString("base64")}?=`;
    const message = [
      `From: <${from}>`,
      `To: <${to}>`,
      `Subject: ${encodedSubject}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(text).toString("base64").replace(/.{76}/g, "$&\r\n"),
      ".",
    ].join("\r\n");
    await cmd(message, "250");
    socket.write("QUIT\r\n");
  } finally {
    socket.end();
  }
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
