import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";
import { todayInVietnam } from "./clock.ts";
import { runReminders, sendReminderEmails } from "./jobs.ts";

/*
 * Reminder e-mails through a real SMTP server (smtp-server, in this process, on a random local port)
 * with AUTH and a ?from= address, against the run's database.
 */

const SUBJECT = "Nhắc việc: vụ việc sắp đến hạn, quá hạn";
const FROM = "nhac-viec@congan.example.vn";
const SMTP_USER = "danvan-relay";
const SMTP_PASSWORD = "mật:khẩu@/?#1";
const INFORMANT = `Trần Thị Người Báo ${randomBytes(3).toString("hex")}`;
const PHONE = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const CONTENT = `Có nhóm người lạ vận chuyển hàng cấm qua cầu treo lúc nửa đêm ${randomBytes(3).toString("hex")}`;

interface Received {
  mailFrom: string;
  rcptTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  raw: string;
}

const received: Received[] = [];
const rcptAttempts: string[] = [];
const refused: string[] = [];
/** The first RCPT TO for one of these addresses is refused with 550; the set is then emptied. */
let refuseFirstOf = new Set<string>();

const server = new SMTPServer({
  logger: false,
  disabledCommands: ["STARTTLS"],
  allowInsecureAuth: true,
  onAuth(auth, _session, cb) {
    if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: SMTP_USER });
    else cb(new Error("Invalid username or password"));
  },
  onRcptTo(address, _session, cb) {
    rcptAttempts.push(address.address);
    if (refuseFirstOf.has(address.address)) {
      refuseFirstOf = new Set();
      refused.push(address.address);
      cb(Object.assign(new Error("Hộp thư không tồn tại"), { responseCode: 550 }));
      return;
    }
    cb();
  },
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("error", cb);
    stream.on("end", () => {
      const raw = Buffer.concat(chunks);
      simpleParser(raw).then(
        (mail) => {
          received.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            from: mail.from?.value.map((a) => a.address).join(",") ?? "",
            to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [])
              .flatMap((t) => t.value.map((a) => a.address))
              .join(","),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            raw: raw.toString("utf8"),
          });
          cb();
        },
        (err: Error) => cb(err),
      );
    });
  },
});

let ctx: TestContext;
let p: TestProvince;
let chief: TestUser;
let smtpUrl = "";
const today = todayInVietnam();

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  smtpUrl = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}?from=${encodeURIComponent(FROM)}`;
  ctx = await testContext();
  p = await makeProvince(ctx.db);
  chief = await makeUser(ctx.db, "commune_chief", p.communeA);
});
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A commune officer with an e-mail address. */
async function officerWithEmail() {
  const officer = await makeUser(ctx.db, "commune_officer", p.communeA);
  const email = `${officer.username}@congan.example.vn`;
  await ctx.db.updateTable("users").set({ email }).where("id", "=", officer.id).execute();
  return { ...officer, email };
}

/** An identified crime report taken in by the chief, assigned to `officer` and overdue since 2020. */
async function overdueItemFor(officer: TestUser) {
  const intake = await call(ctx.app, chief, "POST", "/api/v1/submissions", {
    kind: "crime_report",
    channel: "walk_in",
    unitId: p.communeA,
    content: CONTENT,
    anonymous: false,
    identity: { name: INFORMANT, phone: PHONE },
  });
  expect(intake.status).toBe(201);
  const id = Number(intake.body.id);
  const assign = await call(ctx.app, chief, "POST", `/api/v1/submissions/${id}/assign`, {
    assigneeId: officer.id,
  });
  expect(assign.status).toBe(200);
  await ctx.db.updateTable("submissions").set({ due_on: "2020-01-01" }).where("id", "=", id).execute();
  const detail = await call(ctx.app, chief, "GET", `/api/v1/submissions/${id}`);
  expect(detail.status).toBe(200);
  const ref = String(detail.body.ref);
  expect(ref).toBe(`TG-${today.slice(0, 4)}-${String(id).padStart(6, "0")}`);
  return { id, ref };
}

const mailsTo = (email: string) => received.filter((m) => m.rcptTo.includes(email));

async function emailedAt(userId: number, submissionId: number) {
  const rows = await ctx.db
    .selectFrom("submission_notifications")
    .select(["kind", "emailed_at"])
    .where("user_id", "=", userId)
    .where("submission_id", "=", submissionId)
    .where("kind", "in", ["due_soon", "overdue"])
    .where("day", "=", today)
    .execute();
  return rows;
}

describe("reminder e-mails over SMTP", () => {
  let officer: Awaited<ReturnType<typeof officerWithEmail>>;
  let item: { id: number; ref: string };

  it("mails an overdue item's assignee once, in Vietnamese, with the reference and no informant data", async () => {
    officer = await officerWithEmail();
    item = await overdueItemFor(officer);
    await runReminders(ctx.db, today);
    expect(await emailedAt(officer.id, item.id)).toEqual([{ kind: "overdue", emailed_at: null }]);

    await sendReminderEmails(ctx.db, smtpUrl, today);

    const mine = mailsTo(officer.email);
    expect(mine).toHaveLength(1);
    const mail = mine[0]!;
    expect(mail.rcptTo).toEqual([officer.email]);
    expect(mail.to).toBe(officer.email);
    expect(mail.mailFrom).toBe(FROM);
    expect(mail.from).toBe(FROM);
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.text.trim()).toBe(`- Vụ việc ${item.ref} đã quá hạn giải quyết (hạn 01/01/2020)`);
    for (const secret of [INFORMANT, PHONE, CONTENT]) {
      expect(mail.text).not.toContain(secret);
      expect(mail.subject).not.toContain(secret);
      expect(mail.raw).not.toContain(secret);
    }
    const [note] = await emailedAt(officer.id, item.id);
    expect(note?.emailed_at).not.toBeNull();
  });

  it("sends nothing more on a second sweep the same day", async () => {
    const before = received.length;
    const attemptsBefore = rcptAttempts.filter((a) => a === officer.email).length;
    await runReminders(ctx.db, today);
    await sendReminderEmails(ctx.db, smtpUrl, today);
    expect(mailsTo(officer.email)).toHaveLength(1);
    expect(rcptAttempts.filter((a) => a === officer.email)).toHaveLength(attemptsBefore);
    expect(received.slice(before).filter((m) => m.text.includes(item.ref))).toEqual([]);
  });

  it("leaves a refused recipient un-emailed, still mails the others, and retries it on the next sweep", async () => {
    const first = await officerWithEmail();
    const second = await officerWithEmail();
    const items = new Map([
      [first.email, { officer: first, item: await overdueItemFor(first) }],
      [second.email, { officer: second, item: await overdueItemFor(second) }],
    ]);
    await runReminders(ctx.db, today);
    // whichever of the two the sweep reaches first is refused, so the other one comes after a failure
    refuseFirstOf = new Set(items.keys());

    await sendReminderEmails(ctx.db, smtpUrl, today);

    expect(refused).toHaveLength(1);
    const refusedEmail = refused[0]!;
    const acceptedEmail = refusedEmail === first.email ? second.email : first.email;
    const r = items.get(refusedEmail)!;
    const a = items.get(acceptedEmail)!;
    expect(rcptAttempts.indexOf(refusedEmail)).toBeLessThan(rcptAttempts.indexOf(acceptedEmail));
    expect(mailsTo(refusedEmail)).toEqual([]);
    expect(await emailedAt(r.officer.id, r.item.id)).toEqual([{ kind: "overdue", emailed_at: null }]);
    expect(mailsTo(acceptedEmail)).toHaveLength(1);
    expect(mailsTo(acceptedEmail)[0]!.text).toContain(a.item.ref);
    expect((await emailedAt(a.officer.id, a.item.id))[0]?.emailed_at).not.toBeNull();

    await sendReminderEmails(ctx.db, smtpUrl, today);

    const retried = mailsTo(refusedEmail);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.subject).toBe(SUBJECT);
    expect(retried[0]!.text).toContain(r.item.ref);
    expect(retried[0]!.text).not.toContain(a.item.ref);
    expect((await emailedAt(r.officer.id, r.item.id))[0]?.emailed_at).not.toBeNull();
    expect(mailsTo(acceptedEmail)).toHaveLength(1);
  });
});
