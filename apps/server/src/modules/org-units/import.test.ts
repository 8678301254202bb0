import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestUser } from "../../test/factories.ts";

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});
afterAll(() => t.close());

const P = "/api/v1/org-units";

/** Uploads a file as multipart/form-data in the field "file". */
async function upload(user: TestUser, filename: string, content: Buffer, type: string, field = "file") {
  const boundary = `----danvan${randomBytes(8).toString("hex")}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: "POST",
    url: `${P}/import`,
    headers: {
      cookie: user.cookie,
      "x-csrf-token": user.csrf,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

/** Polls the job until it has finished (the import runs in the background). */
async function finished(user: TestUser, jobId: number) {
  for (let i = 0; i < 1200; i++) {
    const res = await call(t.app, user, "GET", `${P}/import/${jobId}`);
    expect(res.status).toBe(200);
    if (res.body.status === "done" || res.body.status === "failed") return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("import did not finish");
}

const HEADER = "Mã đơn vị cha,Loại,Loại địa bàn,Tên,Mã,Hiệu lực từ,Vùng sâu vùng xa";

describe("import of units and residential areas", () => {
  it("creates every unit of a good CSV, parents in the file included", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const s = p.suffix;
    const csv = [
      HEADER,
      `T-${s},Phòng,,Phòng Xây dựng phong trào ${s},T-${s}-PX,01/07/2025,`,
      `T-${s}-PX,Phòng,,Đội Vận động quần chúng ${s},,2025-07-01,`,
      `T-${s}-A,Khu dân cư,Thôn,Thôn Đắk Tân ${s},T-${s}-A2,01/07/2025,Có`,
      `T-${s}-A,Khu dân cư,Bon,"Bon Bu Sốp, ${s}",,1/8/2025,không`,
      `T-${s}-B,Khu dân cư,Tổ dân phố,<b>Tổ dân phố 2</b> ${s},,,`,
    ].join("\r\n");
    const res = await upload(staff, "don-vi.csv", Buffer.from(`\uFEFF${csv}`), "text/csv");
    expect(res.status).toBe(202);
    const job = await finished(staff, res.body.jobId);
    expect(job).toMatchObject({ status: "done", total: 5, created: 5, errors: [] });

    const areas = await call(t.app, staff, "GET", `${P}/${p.communeA}/children`);
    expect(areas.body.items.map((u: { name: string }) => u.name)).toEqual([
      `Bon Bu Sốp, ${s}`,
      `Thôn 1 ${s}`,
      `Thôn Đắk Tân ${s}`,
    ]);
    const village = areas.body.items.find((u: { code: string | null }) => u.code === `T-${s}-A2`);
    const detail = await call(t.app, staff, "GET", `${P}/${village.id}`);
    expect(detail.body.unit).toMatchObject({ isRemote: true, adminType: "village", validFrom: "2025-07-01" });
    const dept = await call(t.app, staff, "GET", `${P}/search?q=${encodeURIComponent(`quan chung ${s}`)}`);
    expect(dept.body.items[0].ancestors.map((a: { name: string }) => a.name)).toEqual([
      "Bộ Công an",
      `Công an tỉnh Thử nghiệm ${s}`,
      `Phòng Xây dựng phong trào ${s}`,
    ]);
    const html = await call(t.app, staff, "GET", `${P}/${p.communeB}/children`);
    expect(html.body.items.map((u: { name: string }) => u.name)).toContain(`<b>Tổ dân phố 2</b> ${s}`);

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "unit_id"])
      .where("target_type", "=", "import_job")
      .where("target_id", "=", String(res.body.jobId))
      .execute();
    expect(audit.map((a) => Number(a.unit_id)).sort()).toEqual([p.provinceId, p.communeA, p.communeB].sort());
  });

  it("stores nothing from an XLSX with one bad row and reports that row in both languages", async () => {
    const p = await makeProvince(t.db);
    const other = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const s = p.suffix;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Đơn vị");
    sheet.addRow(HEADER.split(","));
    sheet.addRow([`T-${s}-A`, "Khu dân cư", "Thôn", `Thôn Một ${s}`, `T-${s}-X1`, "01/07/2025", "Không"]);
    sheet.addRow([`T-${s}-A`, "Khu dân cư", "Thôn", `Thôn Hai ${s}`, `T-${s}-X2`, "31/02/2025", "Không"]);
    sheet.addRow([
      `T-${s}-A`,
      "Khu dân cư",
      "Thôn",
      `Thôn Ba ${s}`,
      `T-${s}-X3`,
      new Date(Date.UTC(2025, 6, 1)),
      "",
    ]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(
      staff,
      "khu-dan-cu.xlsx",
      buffer,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(res.status).toBe(202);
    const job = await finished(staff, res.body.jobId);
    expect(job).toMatchObject({ status: "failed", total: 3, created: 0 });
    expect(job.errors).toEqual([
      {
        row: 3,
        column: "Hiệu lực từ",
        value: "31/02/2025",
        messages: { vi: "Ngày không hợp lệ (dd/MM/yyyy).", en: "Invalid date (dd/MM/yyyy or YYYY-MM-DD)." },
      },
    ]);
    const stored = await t.db
      .selectFrom("org_units")
      .select("id")
      .where("code", "like", `T-${s}-X%`)
      .execute();
    expect(stored).toEqual([]);

    // every kind of problem is reported on its own row
    const csv = [
      HEADER,
      `T-${other.suffix}-A,Khu dân cư,Thôn,Thôn Lạ,,,`,
      `T-${s}-A,Khu dân cư,Phường,Thôn Sai Loại,,,`,
      `T-${s}-A,Phòng,,Phòng Sai Chỗ,,,`,
      `T-${s}-A,Khu dân cư,Thôn,,T-${s}-A,,`,
      `T-${s}-B,Khu dân cư,Thôn,Thôn Trùng,T-${s}-D,,`,
      `T-${s}-B,Khu dân cư,Thôn,Thôn Trùng Hai,T-${s}-D,,có lẽ`,
      `T-${s}-Q,Khu dân cư,Thôn,Thôn Con,,,`,
      `T-${s},Phòng,,Phòng Sau,T-${s}-Q,,`,
    ].join("\n");
    const bad = await finished(
      staff,
      (await upload(staff, "loi.csv", Buffer.from(csv), "text/csv")).body.jobId,
    );
    expect(bad.status).toBe("failed");
    expect(bad.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, "Mã đơn vị cha"],
      [3, "Loại địa bàn"],
      [4, "Loại"],
      [5, "Tên"],
      [5, "Mã"],
      [7, "Mã"],
      [7, "Vùng sâu vùng xa"],
      [8, "Mã đơn vị cha"],
    ]);
    for (const e of bad.errors) {
      expect(e.messages.vi.length).toBeGreaterThan(0);
      expect(e.messages.en.length).toBeGreaterThan(0);
    }
  });

  it("offers templates, refuses other files, and keeps jobs and imports to those allowed", async () => {
    const p = await makeProvince(t.db);
    const staff = await makeUser(t.db, "province_staff", p.provinceId);
    const officer = await makeUser(t.db, "commune_officer", p.communeA);

    const xlsx = await t.app.inject({
      method: "GET",
      url: `${P}/import/template.xlsx`,
      headers: { cookie: staff.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets[0].getRow(1).values).toEqual([
      undefined,
      "Mã đơn vị cha",
      "Loại",
      "Loại địa bàn",
      "Tên",
      "Tên địa danh",
      "Mã",
      "Hiệu lực từ",
      "Vùng sâu vùng xa",
      "Trọng điểm",
    ]);
    const csv = await t.app.inject({
      method: "GET",
      url: `${P}/import/template.csv`,
      headers: { cookie: staff.cookie },
    });
    expect(csv.body.startsWith("\uFEFFMã đơn vị cha,Loại,Loại địa bàn,Tên")).toBe(true);

    const text = await upload(staff, "notes.txt", Buffer.from("hello"), "text/plain");
    expect(text).toMatchObject({ status: 400, body: { code: "unsupported_file" } });
    const wrongField = await upload(staff, "a.csv", Buffer.from(HEADER), "text/csv", "document");
    expect(wrongField.status).toBe(400);
    const big = await upload(staff, "big.csv", Buffer.alloc(10 * 1024 * 1024 + 10, 0x41), "text/csv");
    expect(big).toMatchObject({ status: 413, body: { code: "file_too_large" } });

    const rows = Array.from({ length: 50_001 }, (_, i) => `T-${p.suffix}-A,Khu dân cư,Thôn,Thôn ${i},,,`);
    const tooMany = await upload(staff, "many.csv", Buffer.from([HEADER, ...rows].join("\n")), "text/csv");
    const tooManyReport = await finished(staff, tooMany.body.jobId);
    expect(tooManyReport).toMatchObject({ status: "failed", created: 0 });
    expect(tooManyReport.errors[0].messages.vi).toContain("50.000 dòng");

    const notAllowed = await upload(officer, "a.csv", Buffer.from(`${HEADER}\n`), "text/csv");
    expect(notAllowed.status).toBe(403);

    const job = await upload(staff, "empty.csv", Buffer.from(`${HEADER}\n`), "text/csv");
    expect((await finished(staff, job.body.jobId)).status).toBe("failed");
    expect((await call(t.app, officer, "GET", `${P}/import/${job.body.jobId}`)).status).toBe(404);
    const missing = await upload(staff, "cols.csv", Buffer.from("Tên,Mã\nThôn 1,X\n"), "text/csv");
    const report = await finished(staff, missing.body.jobId);
    expect(report.errors[0]).toMatchObject({
      row: 0,
      messages: { en: expect.stringContaining("Missing required columns") },
    });
  });
});
