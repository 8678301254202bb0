/**
 * What the synthetic country is made of: activity kinds with their share, seasonality and result values;
 * submission kinds, channels and outcomes; the figures units enter. Shares are per commune over the whole
 * span, before the commune's size weight and the scale are applied.
 */
import type { Rng } from "./random.ts";

/** Month factors, January first. */
const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const GENERAL = [0.8, 0.7, 1, 1, 1.05, 1, 1, 1.1, 1, 1, 1.05, 1.2];
/** before and after Tết the peak campaigns run */
const PEAK = [1.6, 0.8, 0.6, 0.6, 0.6, 0.6, 0.6, 0.8, 0.8, 0.8, 1.2, 2.0];
const PLEDGE = [2.0, 1.5, 1.6, 1.0, 0.8, 0.6, 0.6, 0.8, 0.8, 0.7, 0.6, 0.6];
const SUMMER = [0.8, 0.7, 0.9, 1, 1.1, 1.2, 1.3, 1.3, 1, 1, 1, 1.1];

export interface ActivityKindSpec {
  code: string;
  /** activities per average commune per year at scale 1 */
  perYear: number;
  months: number[];
  /** weekday factors, Sunday first */
  week: number[];
  /** urban wards do more (>1) or less (<1) of it */
  urban: number;
  titles: string[];
  results(r: Rng): Record<string, number>;
}

const OFFICE_WEEK = [0.4, 1.1, 1.1, 1.1, 1.1, 1.1, 0.7];
const PATROL_WEEK = [1.1, 0.9, 0.9, 0.9, 1, 1.2, 1.3];
const ANY_WEEK = [1, 1, 1, 1, 1, 1, 1];

const between = (r: Rng, min: number, max: number) => r.int(min, max);

/**
 * At scale 1 these give about 5.4 million activities over five years for 3,321 communes (with the
 * festival days held in every residential area, counted separately).
 */
export const ACTIVITY_KINDS: ActivityKindSpec[] = [
  {
    code: "patrol",
    perYear: 118,
    months: GENERAL,
    week: PATROL_WEEK,
    urban: 1.1,
    titles: [
      "Tuần tra đêm bảo đảm an ninh, trật tự tại {area}",
      "Tổ tuần tra nhân dân tuần tra khu vực {area}",
      "Tuần tra, kiểm soát trên các tuyến đường liên thôn",
      "Tuần tra bảo vệ mùa màng tại {area}",
    ],
    results: (r) => ({
      attendance: between(r, 3, 12),
      patrolHours: between(r, 4, 16) / 2,
      incidents: r.chance(0.85) ? 0 : between(r, 1, 3),
    }),
  },
  {
    code: "propaganda",
    perYear: 48,
    months: [0.8, 0.7, 1, 1, 1, 1, 1, 1.3, 1, 1, 1.1, 1.1],
    week: OFFICE_WEEK,
    urban: 1.2,
    titles: [
      "Tuyên truyền phòng, chống lừa đảo trên không gian mạng tại {area}",
      "Tuyên truyền pháp luật về phòng cháy, chữa cháy cho Nhân dân {area}",
      "Tuyên truyền phòng, chống ma túy trong thanh thiếu niên",
      "Phổ biến Luật Cư trú, Luật Căn cước tại {area}",
      "Tuyên truyền bảo đảm trật tự, an toàn giao thông",
    ],
    results: (r) => ({ attendance: between(r, 30, 300) }),
  },
  {
    code: "village_meeting",
    perYear: 32,
    months: GENERAL,
    week: [1.3, 0.9, 0.9, 0.9, 0.9, 0.9, 1.2],
    urban: 0.9,
    titles: ["Họp {area} bàn công tác bảo đảm an ninh, trật tự", "Dự họp {area} triển khai phong trào"],
    results: (r) => ({ attendance: between(r, 20, 150) }),
  },
  {
    code: "resident_data",
    perYear: 22,
    months: FLAT,
    week: OFFICE_WEEK,
    urban: 1.2,
    titles: ["Rà soát, làm sạch dữ liệu dân cư tại {area}", "Hướng dẫn cài đặt, kích hoạt định danh điện tử"],
    results: (r) => ({
      attendance: between(r, 10, 200),
      recordsReviewed: between(r, 50, 2000),
      recordsCorrected: between(r, 0, 100),
    }),
  },
  {
    code: "mobile_service",
    perYear: 19,
    months: FLAT,
    week: [1.2, 0.9, 0.9, 0.9, 0.9, 0.9, 1.3],
    urban: 0.8,
    titles: ["Cấp căn cước lưu động tại {area}", "Giải quyết thủ tục hành chính lưu động cho người cao tuổi"],
    results: (r) => ({ attendance: between(r, 30, 400), idCardsIssued: between(r, 10, 300) }),
  },
  {
    code: "mediation",
    perYear: 19,
    months: GENERAL,
    week: ANY_WEEK,
    urban: 1,
    titles: ["Hòa giải mâu thuẫn đất đai tại {area}", "Hòa giải mâu thuẫn gia đình, hàng xóm"],
    results: (r) => ({ casesMediated: between(r, 1, 3), fightsResolved: r.chance(0.8) ? 0 : 1 }),
  },
  {
    code: "road_corridor",
    perYear: 16,
    months: GENERAL,
    week: [1.4, 0.8, 0.8, 0.8, 0.8, 0.9, 1.5],
    urban: 1.1,
    titles: ["Ra quân chấn chỉnh hành lang, lề đường tại {area}", "Giải tỏa lấn chiếm vỉa hè, lòng đường"],
    results: (r) => ({ attendance: between(r, 10, 80), trafficPointsFixed: between(r, 0, 5) }),
  },
  {
    code: "peak_campaign",
    perYear: 13,
    months: PEAK,
    week: ANY_WEEK,
    urban: 1.1,
    titles: ["Ra quân đợt cao điểm tấn công, trấn áp tội phạm", "Cao điểm bảo đảm an ninh, trật tự dịp Tết"],
    results: (r) => ({ attendance: between(r, 20, 200), residentialPoints: between(r, 1, 15) }),
  },
  {
    code: "charity",
    perYear: 10,
    months: [1.8, 1.3, 0.8, 0.8, 0.8, 1, 1, 0.9, 1.2, 1.2, 0.9, 1.3],
    week: ANY_WEEK,
    urban: 0.9,
    titles: ["Trao quà cho hộ nghèo, gia đình chính sách", "Hỗ trợ xây nhà tình nghĩa tại {area}"],
    results: (r) => ({
      charityValueVnd: between(r, 2, 200) * 1_000_000,
      housesBuilt: r.chance(0.85) ? 0 : between(r, 1, 2),
      giftsGiven: between(r, 10, 200),
      beneficiaries: between(r, 10, 200),
    }),
  },
  {
    code: "pledge_drive",
    perYear: 10,
    months: PLEDGE,
    week: OFFICE_WEEK,
    urban: 0.9,
    titles: ["Vận động hộ gia đình ký cam kết không vi phạm pháp luật tại {area}"],
    results: (r) => ({ attendance: between(r, 20, 200), householdsSigned: between(r, 20, 400) }),
  },
  {
    code: "weapon_collection",
    perYear: 5,
    months: SUMMER,
    week: OFFICE_WEEK,
    urban: 0.7,
    titles: ["Vận động Nhân dân giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ"],
    results: (r) => ({ attendance: between(r, 20, 150), weaponsCollected: between(r, 0, 10) }),
  },
  {
    code: "listening_forum",
    perYear: 2,
    months: [0.5, 0.5, 1, 1.2, 1.2, 1, 1, 1, 1.2, 1.2, 1.2, 0.8],
    week: [1.3, 0.9, 0.9, 0.9, 0.9, 0.9, 1.2],
    urban: 1,
    titles: ["Diễn đàn “Công an lắng nghe ý kiến Nhân dân” tại {area}"],
    results: (r) => ({ attendance: between(r, 40, 200), opinionsRecorded: between(r, 2, 20) }),
  },
];

/** The festival day (Ngày hội toàn dân bảo vệ ANTQ, 19 August): held in most residential areas each year. */
export const FESTIVAL = {
  code: "festival_day",
  /** share of residential areas holding it each year */
  share: 0.8,
  titles: ["Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại {area}"],
  results: (r: Rng) => ({ attendance: between(r, 150, 1500) }),
};

/** Growth of recorded work over the years (the first year was slowed by the pandemic). */
export const YEAR_FACTOR = (year: number, first: number) => [0.85, 0.95, 1, 1.05, 1.15][year - first] ?? 1.15;

// ---------------------------------------------------------------- citizen channel

export const SUBMISSION_KINDS: [string, number][] = [
  ["security_feedback", 0.47],
  ["crime_report", 0.28],
  ["complaint", 0.12],
  ["denunciation", 0.08],
  ["conduct_feedback", 0.05],
];
export const CHANNELS: [string, number][] = [
  ["web", 0.35],
  ["walk_in", 0.28],
  ["phone", 0.22],
  ["letter", 0.1],
  ["other", 0.05],
];
/** items per average commune per year at scale 1 (about 1.08 million over five years) */
export const SUBMISSIONS_PER_YEAR = 65;

export const RULES: Record<string, { code: string; days: number; complexDays: number }> = {
  crime_report: { code: "crime_report.decision", days: 20, complexDays: 60 },
  security_feedback: { code: "security_feedback.response", days: 14, complexDays: 28 },
  conduct_feedback: { code: "conduct_feedback.response", days: 21, complexDays: 42 },
  complaint: { code: "complaint.decision", days: 30, complexDays: 45 },
  denunciation: { code: "denunciation.decision", days: 30, complexDays: 60 },
};

export const OUTCOMES: Record<string, [string, number][]> = {
  crime_report: [
    ["not_confirmed", 0.4],
    ["valuable_tip", 0.25],
    ["led_to_case", 0.1],
    ["not_in_competence", 0.1],
    ["transferred_out", 0.1],
    ["withdrawn", 0.05],
  ],
  security_feedback: [
    ["resolved", 0.8],
    ["not_confirmed", 0.15],
    ["withdrawn", 0.05],
  ],
  conduct_feedback: [
    ["resolved", 0.55],
    ["not_confirmed", 0.4],
    ["withdrawn", 0.05],
  ],
  complaint: [
    ["rejected", 0.5],
    ["upheld", 0.3],
    ["withdrawn", 0.1],
    ["not_in_competence", 0.1],
  ],
  denunciation: [
    ["rejected", 0.6],
    ["upheld", 0.25],
    ["withdrawn", 0.15],
  ],
};

export const SUBMISSION_TEXTS: Record<string, string[]> = {
  security_feedback: [
    "Phản ánh tình trạng tụ tập thanh niên gây ồn ào về đêm tại {area}.",
    "Phản ánh việc lấn chiếm lòng đường để buôn bán tại {area}.",
    "Phản ánh karaoke gây ồn ào quá 22 giờ tại {area}.",
    "Phản ánh đường dây điện bị võng, nguy cơ mất an toàn tại {area}.",
    "Phản ánh tình trạng đua xe trái phép trên đường liên xã.",
  ],
  crime_report: [
    "Tố giác đối tượng có dấu hiệu mua bán trái phép chất ma túy tại {area}.",
    "Tin báo về việc trộm cắp xe máy xảy ra tại {area}.",
    "Tố giác hành vi lừa đảo chiếm đoạt tài sản qua mạng xã hội.",
    "Tin báo về tụ điểm đánh bạc tại {area}.",
    "Tố giác hành vi cho vay lãi nặng tại {area}.",
  ],
  complaint: [
    "Khiếu nại quyết định xử phạt vi phạm hành chính.",
    "Khiếu nại về việc giải quyết hồ sơ đăng ký cư trú chậm.",
  ],
  denunciation: [
    "Tố cáo cán bộ có hành vi sách nhiễu khi giải quyết thủ tục.",
    "Tố cáo hành vi vi phạm của cán bộ thôn.",
  ],
  conduct_feedback: [
    "Góp ý về thái độ tiếp dân của cán bộ trực ban.",
    "Góp ý về tác phong của cán bộ khi làm thủ tục căn cước.",
  ],
};

// ---------------------------------------------------------------- models

export const MODEL_TYPES: [string, number][] = [
  ["household_group", 0.22],
  ["people_patrol", 0.16],
  ["security_camera", 0.12],
  ["crime_free_area", 0.1],
  ["safe_area", 0.1],
  ["law_abiding_clan", 0.06],
  ["religious", 0.05],
  ["school", 0.05],
  ["agency_enterprise", 0.04],
  ["youth_union", 0.04],
  ["retired_police_club", 0.02],
  ["crime_prevention", 0.02],
  ["reintegration", 0.01],
  ["border_cluster", 0.01],
];
export const MODEL_NAMES: Record<string, string> = {
  household_group: "Tổ liên gia tự quản {area}",
  people_patrol: "Tổ tuần tra nhân dân {area}",
  security_camera: "Camera an ninh {area}",
  crime_free_area: "Khu dân cư không có tội phạm {area}",
  safe_area: "Khu dân cư an toàn về ANTT {area}",
  law_abiding_clan: "Dòng họ không có người vi phạm pháp luật tại {area}",
  religious: "Giáo xứ, chùa tự quản về ANTT tại {area}",
  school: "Cổng trường an toàn giao thông tại {area}",
  agency_enterprise: "Doanh nghiệp an toàn về ANTT tại {area}",
  youth_union: "Thanh niên xung kích bảo vệ ANTT {area}",
  retired_police_club: "Câu lạc bộ Công an hưu trí {commune}",
  crime_prevention: "Tổ phòng, chống tội phạm {area}",
  reintegration: "Hỗ trợ người chấp hành xong án phạt tù tái hòa nhập tại {commune}",
  border_cluster: "Cụm liên hoàn an toàn về ANTT {commune}",
};
/** models per average commune at scale 1 */
export const MODELS_PER_COMMUNE = 12;

export const SURNAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
export const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Hồng"];
export const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hà",
  "Hải",
  "Hạnh",
  "Hùng",
  "Lan",
  "Long",
  "Mai",
  "Nam",
  "Phương",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trung",
  "Tuấn",
  "Yến",
];

export const personName = (r: Rng) => `${r.pick(SURNAMES)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;

// ---------------------------------------------------------------- weapons

export const WEAPON_CATEGORIES: [string, number, number][] = [
  // category, share, max quantity in one hand-in
  ["crude_weapon", 0.3, 6],
  ["ammunition", 0.18, 40],
  ["homemade_gun", 0.14, 2],
  ["support_tool", 0.12, 4],
  ["hunting_gun", 0.1, 2],
  ["explosive", 0.08, 5],
  ["military_gun", 0.05, 1],
  ["detonator_gun", 0.03, 2],
];

// ---------------------------------------------------------------- entered figures

export interface FigureSpec {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  period: "month" | "quarter" | "year";
  nature: "flow" | "stock";
  /** mean value for an average commune per period */
  mean: number;
  /** code of the figure this one is at least (suspects ≥ cases) */
  atLeast?: string;
}

const CRIME_GROUPS: [string, string, string, number][] = [
  ["social_order", "trật tự xã hội", "social order", 0.9],
  ["theft", "trộm cắp tài sản", "theft", 0.6],
  ["fraud", "lừa đảo chiếm đoạt tài sản", "fraud", 0.3],
  ["snatching", "cướp giật tài sản", "snatching", 0.08],
  ["assault", "cố ý gây thương tích", "assault", 0.2],
  ["gambling", "đánh bạc, tổ chức đánh bạc", "gambling", 0.15],
  ["drugs", "ma túy", "drugs", 0.35],
  ["economic", "kinh tế", "economic", 0.1],
  ["smuggling", "buôn lậu, gian lận thương mại", "smuggling", 0.05],
  ["environment", "môi trường", "environment", 0.05],
  ["cyber", "sử dụng công nghệ cao", "high-tech", 0.06],
  ["corruption", "tham nhũng, chức vụ", "corruption", 0.02],
];

const month = (
  code: string,
  name: string,
  nameEn: string,
  unit: string,
  unitEn: string,
  mean: number,
  nature: "flow" | "stock" = "flow",
  atLeast?: string,
): FigureSpec => ({ code, name, nameEn, unit, unitEn, period: "month", nature, mean, atLeast });

/** 45 monthly, 20 quarterly and 8 yearly figures: about 10.4 million values for 3,321 communes over five years. */
export const FIGURES: FigureSpec[] = [
  ...CRIME_GROUPS.flatMap(([c, vi, en, mean]) => [
    month(`crime_${c}_cases`, `Số vụ phạm tội về ${vi}`, `Crimes: ${en} (cases)`, "vụ", "cases", mean),
    month(
      `crime_${c}_suspects`,
      `Số đối tượng phạm tội về ${vi}`,
      `Crimes: ${en} (suspects)`,
      "đối tượng",
      "suspects",
      mean * 1.4,
      "flow",
      `crime_${c}_cases`,
    ),
  ]),
  month("traffic_accidents", "Số vụ tai nạn giao thông", "Traffic accidents", "vụ", "accidents", 0.4),
  month("traffic_deaths", "Số người chết do tai nạn giao thông", "Traffic deaths", "người", "people", 0.2),
  month(
    "traffic_injured",
    "Số người bị thương do tai nạn giao thông",
    "Traffic injuries",
    "người",
    "people",
    0.35,
  ),
  month("fires", "Số vụ cháy", "Fires", "vụ", "fires", 0.12),
  month("fire_deaths", "Số người chết do cháy", "Fire deaths", "người", "people", 0.01),
  month(
    "fire_damage",
    "Thiệt hại do cháy (triệu đồng)",
    "Fire damage (million VND)",
    "triệu đồng",
    "million VND",
    8,
  ),
  month("admin_sanctions", "Số vụ xử phạt vi phạm hành chính", "Administrative sanctions", "vụ", "cases", 6),
  month(
    "admin_fines",
    "Số tiền xử phạt vi phạm hành chính (triệu đồng)",
    "Administrative fines (million VND)",
    "triệu đồng",
    "million VND",
    25,
  ),
  month(
    "wanted_arrested",
    "Số đối tượng truy nã bị bắt",
    "Wanted persons arrested",
    "đối tượng",
    "persons",
    0.05,
  ),
  month(
    "fugitives_surrendered",
    "Số đối tượng truy nã ra đầu thú",
    "Wanted persons surrendered",
    "đối tượng",
    "persons",
    0.03,
  ),
  month(
    "drug_users_new",
    "Số người sử dụng trái phép chất ma túy phát hiện mới",
    "New illegal drug users found",
    "người",
    "people",
    0.5,
  ),
  month(
    "drug_users_managed",
    "Số người nghiện ma túy đang quản lý",
    "Drug users under management",
    "người",
    "people",
    9,
    "stock",
  ),
  month(
    "drug_rehab",
    "Số người đưa đi cai nghiện bắt buộc",
    "People sent to compulsory rehabilitation",
    "người",
    "people",
    0.2,
  ),
  month(
    "rooming_houses",
    "Số cơ sở lưu trú, nhà trọ đang quản lý",
    "Rooming houses under management",
    "cơ sở",
    "premises",
    14,
    "stock",
  ),
  month(
    "rooming_inspections",
    "Số lượt kiểm tra cơ sở lưu trú",
    "Rooming-house inspections",
    "lượt",
    "inspections",
    3,
  ),
  month(
    "conditional_businesses",
    "Số cơ sở kinh doanh có điều kiện về ANTT",
    "Businesses with security conditions",
    "cơ sở",
    "businesses",
    22,
    "stock",
  ),
  month(
    "business_inspections",
    "Số lượt kiểm tra cơ sở kinh doanh có điều kiện",
    "Inspections of conditional businesses",
    "lượt",
    "inspections",
    2.5,
  ),
  month(
    "probation_managed",
    "Số người chấp hành án treo, cải tạo không giam giữ đang quản lý",
    "People on probation under management",
    "người",
    "people",
    4,
    "stock",
  ),
  month(
    "released_reintegrating",
    "Số người chấp hành xong án phạt tù đang hỗ trợ tái hòa nhập",
    "Released prisoners being reintegrated",
    "người",
    "people",
    6,
    "stock",
  ),
  month(
    "juveniles_at_risk",
    "Số thanh thiếu niên có nguy cơ vi phạm pháp luật đang quản lý",
    "Juveniles at risk under management",
    "người",
    "people",
    5,
    "stock",
  ),
  month(
    "temporary_residence",
    "Số lượt đăng ký tạm trú",
    "Temporary residence registrations",
    "lượt",
    "registrations",
    30,
  ),
  ...(
    [
      [
        "grassroots_disputes",
        "Số vụ mâu thuẫn được hòa giải ở cơ sở",
        "Disputes mediated in the community",
        "vụ",
        "disputes",
        6,
      ],
      [
        "security_team_sessions",
        "Số buổi sinh hoạt lực lượng tham gia bảo vệ ANTT ở cơ sở",
        "Community security team sessions",
        "buổi",
        "sessions",
        8,
      ],
      [
        "tips_from_people",
        "Số nguồn tin do quần chúng cung cấp",
        "Tips from the public",
        "nguồn tin",
        "tips",
        10,
      ],
      [
        "wanted_by_tips",
        "Số đối tượng truy nã bị bắt nhờ tin quần chúng",
        "Wanted persons caught from tips",
        "đối tượng",
        "persons",
        0.1,
      ],
      [
        "households_checked",
        "Số hộ được kiểm tra cư trú",
        "Households checked for residence",
        "hộ",
        "households",
        120,
      ],
      ["id_cards_issued", "Số thẻ căn cước đã cấp", "ID cards issued", "thẻ", "cards", 300],
      [
        "e_ids_activated",
        "Số tài khoản định danh điện tử được kích hoạt",
        "Electronic IDs activated",
        "tài khoản",
        "accounts",
        250,
      ],
      ["fire_drills", "Số cuộc thực tập phương án chữa cháy", "Fire drills", "cuộc", "drills", 1.5],
      [
        "fire_inspections",
        "Số lượt kiểm tra an toàn phòng cháy",
        "Fire-safety inspections",
        "lượt",
        "inspections",
        6,
      ],
      [
        "traffic_violations",
        "Số trường hợp vi phạm trật tự an toàn giao thông bị xử lý",
        "Traffic violations handled",
        "trường hợp",
        "cases",
        40,
      ],
      ["vehicles_seized", "Số phương tiện bị tạm giữ", "Vehicles impounded", "phương tiện", "vehicles", 8],
      ["weapons_seized", "Số vũ khí, công cụ hỗ trợ bị thu giữ", "Weapons seized", "khẩu, cái", "items", 1],
      [
        "schools_talks",
        "Số buổi ngoại khóa pháp luật tại trường học",
        "Law talks at schools",
        "buổi",
        "talks",
        2,
      ],
      [
        "enterprises_visited",
        "Số lượt làm việc với doanh nghiệp về ANTT",
        "Visits to enterprises",
        "lượt",
        "visits",
        3,
      ],
      [
        "religious_events",
        "Số lễ hội, sinh hoạt tôn giáo được bảo đảm an ninh",
        "Religious events secured",
        "sự kiện",
        "events",
        2,
      ],
      [
        "foreigners_registered",
        "Số lượt người nước ngoài khai báo tạm trú",
        "Foreigners registered",
        "lượt",
        "registrations",
        5,
      ],
      [
        "missing_people_found",
        "Số người mất tích được tìm thấy",
        "Missing persons found",
        "người",
        "people",
        0.1,
      ],
      [
        "domestic_violence",
        "Số vụ bạo lực gia đình được xử lý",
        "Domestic violence cases handled",
        "vụ",
        "cases",
        0.5,
      ],
      ["child_abuse", "Số vụ xâm hại trẻ em được phát hiện", "Child abuse cases found", "vụ", "cases", 0.1],
      ["rescue_operations", "Số vụ cứu nạn, cứu hộ", "Rescue operations", "vụ", "operations", 0.3],
    ] as const
  ).map(
    ([code, name, nameEn, unit, unitEn, mean]): FigureSpec => ({
      code,
      name,
      nameEn,
      unit,
      unitEn,
      period: "quarter",
      nature: "flow",
      mean,
    }),
  ),
  ...(
    [
      [
        "safe_areas",
        "Số khu dân cư đạt tiêu chuẩn “An toàn về ANTT”",
        "Residential areas meeting the security standard",
        "khu dân cư",
        "areas",
        18,
        "stock",
      ],
      [
        "safe_agencies",
        "Số cơ quan, doanh nghiệp, nhà trường đạt tiêu chuẩn “An toàn về ANTT”",
        "Agencies, enterprises and schools meeting the standard",
        "đơn vị",
        "units",
        9,
        "stock",
      ],
      [
        "culture_families",
        "Số hộ gia đình đạt danh hiệu “Gia đình văn hóa”",
        "Households recognised as cultured families",
        "hộ",
        "households",
        2200,
        "stock",
      ],
      [
        "people_commended",
        "Số cá nhân được khen thưởng trong phong trào",
        "Individuals commended",
        "người",
        "people",
        6,
        "flow",
      ],
      [
        "groups_commended",
        "Số tập thể được khen thưởng trong phong trào",
        "Groups commended",
        "tập thể",
        "groups",
        2,
        "flow",
      ],
      [
        "security_team_members",
        "Số thành viên lực lượng tham gia bảo vệ ANTT ở cơ sở",
        "Members of community security teams",
        "người",
        "people",
        45,
        "stock",
      ],
      [
        "movement_funds",
        "Kinh phí xã hội hóa cho phong trào (triệu đồng)",
        "Funds raised for the movement (million VND)",
        "triệu đồng",
        "million VND",
        60,
        "flow",
      ],
      [
        "standard_met",
        "Đạt chuẩn “An toàn về ANTT” (1 = đạt)",
        "Meets the security standard (1 = yes)",
        "xã",
        "communes",
        0.6,
        "stock",
      ],
    ] as const
  ).map(
    ([code, name, nameEn, unit, unitEn, mean, nature]): FigureSpec => ({
      code,
      name,
      nameEn,
      unit,
      unitEn,
      period: "year",
      nature,
      mean,
    }),
  ),
];
