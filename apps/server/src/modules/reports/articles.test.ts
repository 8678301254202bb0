import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../../platform/documents/docx-text.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeUser, type TestUser } from "../../test/factories.ts";

/*
 * The articles are reports in prose. A Word file generated from the demo data (records attached to the
 * units of the time) must state their figures again, for today's units through lineage.
 */
let ctx: TestContext;
let admin: TestUser;
const s = Math.random().toString(36).slice(2, 8);

const unitByCode = async (code: string) =>
  (await ctx.db.selectFrom("org_units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;

async function generate(templateText: string, unitCode: string, period: string) {
  const t = await call(ctx.app, admin, "POST", "/api/v1/reports/templates", {
    name: `Bài báo ${s} ${unitCode}`,
    title: "Kết quả thực hiện phong trào toàn dân bảo vệ ANTQ {period.label}",
    symbol: "BC-CAX",
    sections: [{ kind: "paragraph", text: templateText }],
    recipients: ["Lưu: VT"],
  });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  const r = await call(ctx.app, admin, "POST", "/api/v1/reports/generate", {
    templateId: t.body.id,
    unitId: await unitByCode(unitCode),
    period,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const file = await ctx.app.inject({
    method: "GET",
    url: `/api/v1/reports/versions/${r.body.id}/file/docx`,
    headers: { cookie: admin.cookie },
  });
  expect(file.statusCode).toBe(200);
  return (await docxText(file.rawPayload)).replace(/\s+/g, " ");
}

beforeAll(async () => {
  ctx = await testContext();
  const root = await ctx.db
    .selectFrom("org_units")
    .select("id")
    .where("kind", "=", "ministry")
    .executeTakeFirstOrThrow();
  admin = await makeUser(ctx.db, "sysadmin", root.id);
});
afterAll(async () => ctx?.close());

describe("a generated Word report restates the articles' figures from the demo records", () => {
  it("Đắk Nia's round of 1/7–30/9/2022, reported for today's Phường Đông Gia Nghĩa", async () => {
    const text = await generate(
      "Trong đợt, Công an xã đã tổ chức {movement.activities.patrol.count} buổi tuần tra, " +
        "{movement.activities.road_corridor.count} đợt ra quân dọn dẹp hành lang giao thông, khắc phục " +
        "{movement.results.traffic_points_fixed} điểm tiềm ẩn nguy cơ tai nạn, giải quyết " +
        "{movement.results.fights_resolved} vụ đánh nhau, tổ chức {movement.activities.festival_day.count} Ngày hội " +
        "với {movement.activities.festival_day.participants} người tham dự, {movement.activities.village_meeting.count} " +
        "buổi họp thôn, bon; vận động giao nộp {movement.weapons.detonator_guns} súng kíp và " +
        "{movement.weapons.homemade_guns} súng tự chế.",
      "24617",
      "2022-07-01..2022-09-30",
    );
    expect(text).toContain("đã tổ chức 22 buổi tuần tra, 6 đợt ra quân");
    expect(text).toContain("khắc phục 2 điểm tiềm ẩn nguy cơ tai nạn, giải quyết 5 vụ đánh nhau");
    expect(text).toContain("tổ chức 1 Ngày hội với 310 người tham dự, 20 buổi họp thôn, bon");
    expect(text).toContain("vận động giao nộp 1 súng kíp và 10 súng tự chế");
  });

  it("Quảng Trị 2016–2019, reported for today's Quảng Trị (old Quảng Trị and Quảng Bình merged into it)", async () => {
    const text = await generate(
      "Tổ chức {movement.activities.peak_campaign.count} đợt cao điểm, thu hút " +
        "{movement.activities.peak_campaign.participants} lượt người tham gia; " +
        "{movement.results.households_signed} hộ gia đình ký cam kết; Nhân dân giao nộp {movement.weapons.guns} khẩu súng; " +
        "tổ chức {movement.forums.count} diễn đàn “Công an lắng nghe ý kiến Nhân dân”.",
      "44",
      "2016-01-01..2019-12-31",
    );
    expect(text).toMatch(/Tổ chức 9 đợt cao điểm, thu hút 6\.720 lượt người tham gia/);
    expect(text).toMatch(/16\.290 hộ gia đình ký cam kết/);
    expect(text).toContain("giao nộp 101 khẩu súng");
    expect(text).toContain("tổ chức 22 diễn đàn");
  });

  it("Lệ Thủy at the end of 2018, reported for the district as it stood then", async () => {
    const text = await generate(
      "Toàn huyện hiện có {movement.models.count} mô hình tự quản về an ninh, trật tự.",
      "old-44-huyen-le-thuy",
      "2018",
    );
    expect(text).toContain("Toàn huyện hiện có 66 mô hình tự quản về an ninh, trật tự.");
  });
});
