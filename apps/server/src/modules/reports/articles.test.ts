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

  it("Đắk Nia's round: the charity work recorded and the certificates of merit entered as a figure", async () => {
    const text = await generate(
      "Vận động Nhân dân, nhà hảo tâm làm {movement.activities.charity.count} công trình từ thiện; " +
        "tập thể, cá nhân Công an xã được tặng {figures.merit_certificates} giấy khen.",
      "24617",
      "2022-07-01..2022-09-30",
    );
    expect(text).toContain("làm 1 công trình từ thiện");
    expect(text).toContain("được tặng 4 giấy khen");
  });

  it("Quảng Trị 2016–2019: residential points, valuable tips and officers sent to key communes", async () => {
    const text = await generate(
      "Ra quân tại {movement.results.residential_points} điểm dân cư; tiếp nhận {submissions.valuable_tips} " +
        "tin có giá trị; tăng cường {figures.key_commune_officers_sent} cán bộ, chiến sĩ về " +
        "{figures.key_communes_reinforced} xã trọng điểm, trong đó {figures.key_commune_posts_held} đồng chí " +
        "đảm nhiệm chức danh Công an xã.",
      "44",
      "2016-01-01..2019-12-31",
    );
    expect(text).toContain("Ra quân tại 245 điểm dân cư"); // "hơn 240 điểm dân cư"
    expect(text).toContain("tiếp nhận 706 tin có giá trị"); // "hơn 705 tin có giá trị"
    expect(text).toContain(
      "tăng cường 234 cán bộ, chiến sĩ về 117 xã trọng điểm, trong đó 14 đồng chí đảm nhiệm chức danh Công an xã.",
    );
  });

  it("Phường 5 (Trà Vinh) in 2024, reported for today's Phường Hòa Thuận", async () => {
    const text = await generate(
      "Năm {period.year}, trên địa bàn xảy ra {figures.crime_cases} vụ, {figures.crime_suspects} đối tượng " +
        "phạm pháp hình sự, {figures.crime_cases.diff_words}, {figures.crime_suspects.diff_words} so với năm " +
        "{period.last_year}; {submissions.on_time_pct}% tin báo được giải quyết đúng hạn; duy trì " +
        "{movement.models.count} mô hình phòng, chống tội phạm; phường đạt {figures.safety_criteria_met}/" +
        "{figures.safety_criteria_total} tiêu chí “An toàn về an ninh, trật tự”.",
      "29398",
      "2024",
    );
    // the article: "5 vụ, 9 đối tượng (giảm 2 vụ, 3 đối tượng so với năm 2023)", in the reports' wording
    expect(text).toContain(
      "Năm 2024, trên địa bàn xảy ra 5 vụ, 9 đối tượng phạm pháp hình sự, giảm 02 vụ, giảm 03 đối tượng so với năm 2023;",
    );
    expect(text).toContain("100% tin báo được giải quyết đúng hạn");
    expect(text).toContain("duy trì 4 mô hình phòng, chống tội phạm");
    expect(text).toContain("phường đạt 20/20 tiêu chí “An toàn về an ninh, trật tự”.");
  });

  it("Lệ Thủy at the end of 2018, reported for the district as it stood then", async () => {
    const text = await generate(
      "Toàn huyện hiện có {movement.models.count} mô hình tự quản về an ninh, trật tự.",
      "old-44-huyen-le-thuy",
      "2018",
    );
    expect(text).toContain("Toàn huyện hiện có 66 mô hình tự quản về an ninh, trật tự.");
  });

  it("Lệ Thủy in 2018: communes meeting the new-rural standard, of the district's communes of the time", async () => {
    const text = await generate(
      "Đến nay, toàn huyện có {figures.new_rural_communes}/{org.units.communes} xã đạt chuẩn nông thôn mới.",
      "old-44-huyen-le-thuy",
      "2018",
    );
    expect(text).toContain("Đến nay, toàn huyện có 12/26 xã đạt chuẩn nông thôn mới.");
  });
});
