/**
 * Citizen channel benchmarks (issue 3):
 * - public submission without attachments, committed per second and p99 latency, against a bare
 *   INSERT into the same table measured in the same run (rate limits and the challenge off);
 * - with --pg: the officer inbox over 1,000,000 items nationwide, a province's filtered first page
 *   (p95), against the same page as raw SQL.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import pg from "pg";
import { ApiClient } from "./api-client.ts";
import type { BenchContext, BenchRow } from "./run.ts";
import { type RunningServer, startServer, tempDir } from "./server.ts";

const ADMIN_PASSWORD = "Bench-admin-2025";
const CONTENT =
  "Phản ánh thử nghiệm hiệu năng: có nhóm người tụ tập gây mất trật tự vào ban đêm tại đầu hẻm.";

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: n / seconds,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
  };
}

/** A JSON POST on a pool of kept-alive connections; answers the status and the body as text. */
function postOn(base: string, connections: number) {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const post = (path: string, body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: "POST",
          agent,
          headers: {
            ...headers,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/** A provincial staff member of `province`, created by the administrator and signed in. */
async function provinceStaff(base: string, province: number): Promise<ApiClient> {
  const admin = new ApiClient(base);
  await admin.signIn("admin", ADMIN_PASSWORD);
  const created = await admin.post<{ user: { id: number; username: string }; initialPassword: string }>(
    "/api/v1/users",
    {
      username: `bench.tinh.${Date.now().toString(36)}`,
      fullName: "Cán bộ tỉnh (benchmark)",
      unitId: province,
      role: "province_staff",
    },
  );
  const staff = new ApiClient(base);
  await staff.signIn(created.user.username, created.initialPassword);
  return staff;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = tempDir("danvan-bench-sub-");
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (ctx.pg && ctx.databaseUrl) {
    const name = `danvan_bench_sub_${process.pid}`;
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ctx.databaseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: ctx.databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const dataDir = join(dir, "data");
  let server: RunningServer | undefined;
  try {
    ctx.log("starting the server (limits and challenge off)");
    server = await startServer({
      via: "main",
      dataDir,
      adminPassword: ADMIN_PASSWORD,
      env: {
        DATABASE_URL: databaseUrl,
        DANVAN_DEMO: "false",
        DANVAN_PUBLIC_LIMITS: "off",
        DANVAN_POW_BITS: "0",
      },
    });
    const base = server.url;
    const getItems = async (path: string) =>
      ((await (await fetch(base + path)).json()) as { items: Array<{ id: number }> }).items;
    const provinces = await getItems("/api/v1/public/submissions/places/provinces");
    const communes: Array<{ provinceId: number; communeId: number }> = [];
    for (const p of provinces.slice(0, 6)) {
      const cs = await getItems(`/api/v1/public/submissions/places/communes?provinceId=${p.id}`);
      for (const c of cs.slice(0, 20)) communes.push({ provinceId: p.id, communeId: c.id });
    }
    const n = ctx.pg ? 6000 : 1500;
    const concurrency = ctx.pg ? 32 : 8;
    // The client shares the 2 cores with the server and the database: node:http on kept-alive connections
    // costs ~0.2 ms of CPU per request where fetch() cost ~0.7 ms, more than the server's own work.
    const { post, close } = postOn(base, concurrency);
    const submit = async (i: number) => {
      const place = communes[i % communes.length];
      const res = await post(
        "/api/v1/public/submissions",
        JSON.stringify({ kind: "security_feedback", ...place, content: CONTENT, anonymous: true }),
        { "idempotency-key": randomBytes(16).toString("hex") },
      );
      if (res.status !== 201) throw new Error(`submission answered ${res.status}: ${res.body}`);
    };
    // until the server's and the client's code is compiled by V8 (the first ~2 s run at half speed)
    ctx.log("warming up");
    await pool(ctx.pg ? 2000 : 300, concurrency, submit);
    ctx.log(`${n} public submissions, ${concurrency} at a time`);
    const http = await pool(n, concurrency, submit);
    close();

    // the baseline: a bare insert of the same row, from the same machine, in the same run
    const insertBare = (client: { query: (q: string, v: unknown[]) => Promise<unknown> }, i: number) => {
      const place = communes[i % communes.length];
      return client.query(
        `insert into submissions (kind, channel, unit_id, province_id, place_unit_id, content, rule_code, clock_started_on, due_on)
         values ('security_feedback', 'web', $1, $2, $1, $3, 'security_feedback.response', current_date, current_date + 14)`,
        [place.communeId, place.provinceId, CONTENT],
      );
    };
    // embedded: the same PGlite, reached on the port its child process recorded (the server sits idle)
    const bareUrl =
      databaseUrl ??
      `postgres://postgres@127.0.0.1:${JSON.parse(readFileSync(join(dataDir, "embedded.json"), "utf8")).port}/postgres?sslmode=disable`;
    const bareDb = new pg.Pool({ connectionString: bareUrl, max: databaseUrl ? 10 : 1 });
    ctx.log("bare inserts");
    const bare = await pool(n, concurrency, (i) => insertBare(bareDb, i));
    await bareDb.end();
    ctx.log(
      `submissions ${http.perSecond.toFixed(0)}/s p50 ${http.p50.toFixed(1)} ms p99 ${http.p99.toFixed(1)} ms; bare insert ${bare.perSecond.toFixed(0)}/s p99 ${bare.p99.toFixed(1)} ms`,
    );
    const where = ctx.pg ? "PostgreSQL" : "embedded";
    rows.push(
      {
        name: `public submission (${where}), committed per second, ${concurrency} concurrent`,
        value: Math.round(http.perSecond),
        unit: "/s",
        baseline: Math.round(bare.perSecond),
        ratio: http.perSecond / bare.perSecond,
        note: `baseline: bare INSERT; target ≥ ${ctx.pg ? "1,000" : "100"}/s`,
      },
      {
        name: `public submission (${where}) p50`,
        value: Math.round(http.p50 * 10) / 10,
        unit: "ms",
        baseline: Math.round(bare.p50 * 10) / 10,
      },
      {
        name: `public submission (${where}) p99`,
        value: Math.round(http.p99 * 10) / 10,
        unit: "ms",
        baseline: Math.round(bare.p99 * 10) / 10,
        note: ctx.pg ? "target < 100 ms" : undefined,
      },
    );

    // an officer's inbox while citizens flood the public form, against the same inbox on a quiet server
    const staff = await provinceStaff(base, provinces[0].id);
    const inboxUrl = "/api/v1/submissions?limit=50";
    for (let i = 0; i < 20; i++) await staff.get(inboxUrl);
    const quiet = await pool(100, 1, () => staff.get(inboxUrl));
    const flood = postOn(base, 64);
    let flooding = true;
    let refused = 0;
    let stored = 0;
    const floodDone = pool(64, 64, async (worker) => {
      for (let i = worker; flooding; i += 64) {
        const place = communes[i % communes.length];
        const res = await flood.post(
          "/api/v1/public/submissions",
          JSON.stringify({ kind: "security_feedback", ...place, content: CONTENT, anonymous: true }),
          { "idempotency-key": randomBytes(16).toString("hex") },
        );
        if (res.status === 201) stored++;
        else if (res.status === 503) refused++;
        else throw new Error(`submission answered ${res.status}: ${res.body}`);
      }
    });
    await new Promise((r) => setTimeout(r, 1000)); // the flood in full swing
    const busy = await pool(100, 1, () => staff.get(inboxUrl));
    flooding = false;
    await floodDone;
    flood.close();
    ctx.log(
      `inbox p95 quiet ${quiet.p95.toFixed(1)} ms, during the flood ${busy.p95.toFixed(1)} ms (${stored} stored, ${refused} told to come back)`,
    );
    rows.push({
      name: `officer inbox first page p95 while 64 clients flood the public form (${where})`,
      value: Math.round(busy.p95 * 10) / 10,
      unit: "ms",
      baseline: Math.round(quiet.p95 * 10) / 10,
      note: `baseline: the same page on a quiet server; ${stored} submissions stored and ${refused} refused with 503 during the measurement; ${ctx.pg ? "public writes hold at most 8 of the server's 10 database connections" : "one database connection, public writes admitted one at a time"}`,
    });

    // DANVAN_BENCH_INBOX=off skips the million-row inbox (its generation takes minutes on 2 cores)
    if (databaseUrl && server && process.env.DANVAN_BENCH_INBOX !== "off") {
      // one million items nationwide, then a province's filtered first page
      const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      ctx.log("generating 1,000,000 items across all communes");
      const t0 = performance.now();
      await db.query(`with cs as (
          select id, province_id, (row_number() over (order by id) - 1)::int as rn
          from org_units where kind = 'commune' and valid_to is null),
        total as (select count(*)::int as n from cs)
        insert into submissions (kind, channel, status, unit_id, province_id, place_unit_id, content, received_at, received_on,
          rule_code, clock_started_on, due_on, closed_on, outcome)
        select k.kind, 'web', st.status, cs.id, cs.province_id, cs.id,
          'Nội dung thử nghiệm số ' || g || ' về an ninh trật tự tại địa bàn', now() - (g % 700) * interval '1 day',
          (now() - (g % 700) * interval '1 day')::date, k.kind || '.decision', current_date - (g % 700),
          current_date - (g % 700) + 20,
          case when st.status = 'closed' then current_date - (g % 700) + 10 end,
          case when st.status = 'closed' then 'resolved' end
        from generate_series(1, 1000000) g
        cross join total
        join cs on cs.rn = g % total.n
        cross join lateral (select (array['crime_report','crime_report','complaint','denunciation'])[1 + g % 4] as kind) k
        cross join lateral (select (array['received','in_progress','closed','closed','closed'])[1 + g % 5] as status) st`);
      await db.query("analyze submissions");
      ctx.log(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const province = provinces[0].id;
      const url = "/api/v1/submissions?status=open&kind=crime_report&limit=50";
      for (let i = 0; i < 20; i++) await staff.get(url);
      const page = await pool(300, 1, () => staff.get(url));
      const raw = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      const rawSql = `select s.id, s.kind, s.status, s.received_at, s.due_on from submissions s
        where s.unit_id in (select id from org_units where path <@ (select path from org_units where id = $1))
          and s.status not in ('closed','merged') and s.kind = 'crime_report'
        order by s.received_at desc, s.id desc limit 51`;
      for (let i = 0; i < 20; i++) await raw.query(rawSql, [province]);
      const rawPage = await pool(300, 1, () => raw.query(rawSql, [province]));
      await raw.end();
      await db.end();
      rows.push({
        name: "officer inbox, 1,000,000 items, a province's open crime reports, first page p95",
        value: Math.round(page.p95 * 10) / 10,
        unit: "ms",
        baseline: Math.round(rawPage.p95 * 10) / 10,
        note: "baseline: the page as raw SQL; target < 100 ms",
      });
    }
    return rows;
  } finally {
    await server?.stop();
    await dropDatabase();
  }
}
