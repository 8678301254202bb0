import type { Bilingual } from "../../../platform/http/errors.ts";
import type { ResultField } from "../tables.ts";

export interface ResultProblem {
  key: string;
  value: unknown;
  messages: Bilingual;
}

const fmt = (n: number) => n.toLocaleString("vi-VN");

/**
 * Validates an activity's results against its kind's result form (held as data). Returns the cleaned
 * results (known keys only, empty values dropped), the attendance as participants, and the problems.
 */
export function validateResults(
  fields: ResultField[],
  input: Record<string, unknown>,
): {
  results: Record<string, number | string | boolean>;
  participants: number | null;
  problems: ResultProblem[];
} {
  const problems: ResultProblem[] = [];
  const results: Record<string, number | string | boolean> = {};
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(input)) {
    if (!byKey.has(key))
      problems.push({
        key,
        value: input[key],
        messages: {
          vi: `Trường kết quả "${key}" không có trong biểu mẫu của loại hoạt động này.`,
          en: `Result field "${key}" is not part of this activity kind's form.`,
        },
      });
  }
  for (const f of fields) {
    const raw = input[f.key];
    const label = f.label.vi;
    if (raw === undefined || raw === null || raw === "") {
      if (f.required)
        problems.push({
          key: f.key,
          value: raw ?? null,
          messages: { vi: `Thiếu "${label}".`, en: `"${f.label.en}" is required.` },
        });
      continue;
    }
    if (f.type === "int" || f.type === "number") {
      const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.replace(",", ".")) : NaN;
      if (!Number.isFinite(n) || (f.type === "int" && !Number.isInteger(n))) {
        problems.push({
          key: f.key,
          value: raw,
          messages: {
            vi: `"${label}" phải là ${f.type === "int" ? "số nguyên" : "số"}.`,
            en: `"${f.label.en}" must be ${f.type === "int" ? "a whole number" : "a number"}.`,
          },
        });
        continue;
      }
      if (f.min != null && n < f.min) {
        problems.push({
          key: f.key,
          value: raw,
          messages: {
            vi: `"${label}" không được nhỏ hơn ${fmt(f.min)}.`,
            en: `"${f.label.en}" must be at least ${f.min}.`,
          },
        });
        continue;
      }
      if (f.max != null && n > f.max) {
        problems.push({
          key: f.key,
          value: raw,
          messages: {
            vi: `"${label}" không được lớn hơn ${fmt(f.max)}.`,
            en: `"${f.label.en}" must be at most ${f.max}.`,
          },
        });
        continue;
      }
      results[f.key] = n;
    } else if (f.type === "bool") {
      if (typeof raw !== "boolean") {
        problems.push({
          key: f.key,
          value: raw,
          messages: { vi: `"${label}" phải là có/không.`, en: `"${f.label.en}" must be yes or no.` },
        });
        continue;
      }
      results[f.key] = raw;
    } else {
      if (typeof raw !== "string" || raw.length > 2000) {
        problems.push({
          key: f.key,
          value: raw,
          messages: {
            vi: `"${label}" phải là văn bản (tối đa 2.000 ký tự).`,
            en: `"${f.label.en}" must be text (at most 2,000 characters).`,
          },
        });
        continue;
      }
      results[f.key] = raw.trim();
    }
  }
  const attendance = results.attendance;
  return { results, participants: typeof attendance === "number" ? attendance : null, problems };
}

/** movement.results.<snake_case key>: the indicator code of a numeric result field. */
export const resultIndicatorCode = (key: string) =>
  `movement.results.${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
