import { type FormEvent, useRef, useState } from "react";
import { fileToBase64, newKey, PublicError, request } from "./api.ts";
import { isoDate } from "./dates.ts";
import type { Lang } from "./messages.ts";
import { PlaceSelect, usePlaces } from "./Places.tsx";
import type { T } from "./PublicApp.tsx";
import { solveChallenge } from "./sha256.ts";

const KINDS = [
  { kind: "crime_report", vi: "Tố giác, tin báo về tội phạm", en: "Crime report or tip" },
  {
    kind: "security_feedback",
    vi: "Phản ánh, kiến nghị về an ninh, trật tự",
    en: "Security and order feedback",
  },
  {
    kind: "conduct_feedback",
    vi: "Góp ý về thái độ, tác phong của cán bộ, chiến sĩ",
    en: "Feedback on an officer's conduct",
  },
  { kind: "complaint", vi: "Khiếu nại", en: "Complaint" },
  { kind: "denunciation", vi: "Tố cáo", en: "Denunciation" },
] as const;
const TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
const MAX = 5 * 1024 * 1024;

interface Sent {
  ref: string;
  receiptCode: string;
}

export function SubmitForm({ t, lang, onFollow }: { t: T; lang: Lang; onFollow: (code: string) => void }) {
  const [kind, setKind] = useState<string>("crime_report");
  const [provinceId, setProvinceId] = useState<number | null>(null);
  const [communeId, setCommuneId] = useState<number | null>(null);
  const [areaId, setAreaId] = useState<number | null>(null);
  const [anonymous, setAnonymous] = useState(true);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; fields: string[]; network: boolean } | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [copied, setCopied] = useState(false);
  // one key per report: a retry after a lost answer is recognised and not stored twice
  const pending = useRef<{ key: string; body: unknown; headers: Record<string, string> } | null>(null);
  const provinces = usePlaces("/api/v1/public/submissions/places/provinces");
  const communes = usePlaces(
    provinceId ? `/api/v1/public/submissions/places/communes?provinceId=${provinceId}` : null,
  );
  const areas = usePlaces(
    communeId ? `/api/v1/public/submissions/places/areas?communeId=${communeId}` : null,
  );

  function pickFiles(list: FileList | null) {
    const chosen = Array.from(list ?? []);
    setFileError(null);
    if (chosen.length > 5) return setFileError(t("tooManyFiles"));
    for (const f of chosen) {
      if (!TYPES.includes(f.type)) return setFileError(`${f.name}: ${t("fileType")}`);
      if (f.size > MAX) return setFileError(`${f.name}: ${t("fileTooBig")}`);
    }
    setFiles(chosen);
  }

  async function send() {
    if (!pending.current) return;
    setBusy(true);
    setError(null);
    try {
      const ch = await request<{ token: string; bits: number }>(
        "GET",
        "/api/v1/public/submissions/challenge",
      );
      const headers = pending.current.headers["x-challenge-token"]
        ? pending.current.headers
        : {
            "idempotency-key": pending.current.key,
            "x-challenge-token": ch.token,
            "x-challenge-solution": await solveChallenge(ch.token, ch.bits),
          };
      pending.current.headers = headers;
      const res = await request<Sent>("POST", "/api/v1/public/submissions", pending.current.body, headers);
      pending.current = null;
      setSent(res);
    } catch (e) {
      if (e instanceof PublicError) {
        const p = e.problem;
        if (p.code.startsWith("challenge_") && pending.current) pending.current.headers = {};
        setError({
          text: p.code === "network" ? t("network") : p.messages[lang],
          fields: (p.errors ?? []).map((x) => x.path.replace(/^body\./, "")),
          network: p.code === "network" || p.status >= 500,
        });
      } else setError({ text: t("network"), fields: [], network: true });
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => {
      const v = String(form.get(name) ?? "").trim();
      return v === "" ? null : v;
    };
    const occurredOn = isoDate(text("occurredOn"));
    if (occurredOn === undefined) {
      setError({ text: t("badDate"), fields: ["occurredOn"], network: false });
      return;
    }
    const attachments = await Promise.all(files.map(async (f) => ({ data: await fileToBase64(f) })));
    pending.current = {
      key: newKey(),
      headers: {},
      body: {
        kind,
        provinceId,
        communeId,
        areaId,
        address: text("address"),
        occurredOn,
        occurredTime: text("occurredTime"),
        content: text("content") ?? "",
        anonymous,
        identity: anonymous
          ? null
          : {
              name: text("name") ?? "",
              phone: text("phone"),
              idNumber: text("idNumber"),
              address: text("homeAddress"),
            },
        wantsProtection: form.get("wantsProtection") === "on",
        concernedOfficer: kind === "conduct_feedback" ? text("concernedOfficer") : null,
        language: lang,
        attachments,
      },
    };
    await send();
  }

  if (sent)
    return (
      <section className="pub-card pub-success" aria-live="polite">
        <h2>{t("sentTitle")}</h2>
        <p>
          {t("sentRef")}: <strong>{sent.ref}</strong>
        </p>
        <p className="pub-code-label">{t("codeLabel")}</p>
        <p className="pub-code" data-testid="receipt-code">
          {sent.receiptCode.split("-").map((g) => (
            <span key={g}>{g}</span>
          ))}
        </p>
        <p className="pub-warning">{t("codeWarning")}</p>
        <div className="pub-actions">
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(sent.receiptCode).then(() => setCopied(true));
            }}
          >
            {copied ? t("copied") : t("copy")}
          </button>
          <button type="button" className="pub-primary" onClick={() => onFollow(sent.receiptCode)}>
            {t("followNow")}
          </button>
          <button type="button" onClick={() => setSent(null)}>
            {t("another")}
          </button>
        </div>
      </section>
    );

  const invalid = (name: string) => (error?.fields.includes(name) ? true : undefined);
  return (
    <form className="pub-card" onSubmit={submit} noValidate={false}>
      <fieldset className="pub-kinds">
        <legend>{t("kind")}</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="pub-radio">
            <input
              type="radio"
              name="kind"
              value={k.kind}
              checked={kind === k.kind}
              onChange={() => setKind(k.kind)}
            />
            <span>{k[lang]}</span>
          </label>
        ))}
      </fieldset>
      <div className="pub-grid">
        <PlaceSelect
          t={t}
          id="provinceId"
          label={t("province")}
          items={provinces}
          value={provinceId}
          required
          onChange={(v) => {
            setProvinceId(v);
            setCommuneId(null);
            setAreaId(null);
          }}
        />
        <PlaceSelect
          t={t}
          id="communeId"
          label={t("commune")}
          items={communes}
          value={communeId}
          required
          disabled={!provinceId}
          onChange={(v) => {
            setCommuneId(v);
            setAreaId(null);
          }}
        />
        <PlaceSelect
          t={t}
          id="areaId"
          label={t("area")}
          items={areas}
          value={areaId}
          disabled={!communeId}
          onChange={setAreaId}
        />
        <label className="pub-field">
          <span>{t("address")}</span>
          <input name="address" maxLength={300} autoComplete="off" />
        </label>
        <label className="pub-field">
          <span>{t("occurredOn")}</span>
          {/* typed as dd/mm/yyyy: a native date field shows the phone's own format, often mm/dd/yyyy */}
          <input
            name="occurredOn"
            inputMode="numeric"
            placeholder={t("datePlaceholder")}
            maxLength={10}
            autoComplete="off"
            aria-invalid={invalid("occurredOn")}
          />
        </label>
        <label className="pub-field">
          <span>{t("occurredTime")}</span>
          <input name="occurredTime" type="time" />
        </label>
      </div>
      {kind === "conduct_feedback" && (
        <label className="pub-field">
          <span>{t("officer")}</span>
          <input name="concernedOfficer" maxLength={200} autoComplete="off" />
        </label>
      )}
      <label className="pub-field">
        <span>{t("content")} *</span>
        <textarea
          name="content"
          required
          minLength={10}
          maxLength={10000}
          rows={6}
          aria-invalid={invalid("content")}
        />
        <small>{t("contentHint")}</small>
      </label>
      <label className="pub-field">
        <span>{t("files")}</span>
        <input
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,application/pdf"
          onChange={(e) => pickFiles(e.target.files)}
        />
        <small>{t("filesNote")}</small>
        {fileError && <small className="pub-error">{fileError}</small>}
      </label>
      <fieldset className="pub-kinds">
        <label className="pub-radio">
          <input type="radio" name="who" checked={anonymous} onChange={() => setAnonymous(true)} />
          <span>{t("anonymous")}</span>
        </label>
        <label className="pub-radio">
          <input type="radio" name="who" checked={!anonymous} onChange={() => setAnonymous(false)} />
          <span>{t("identified")}</span>
        </label>
        {!anonymous && (
          <div className="pub-grid">
            <label className="pub-field">
              <span>{t("name")} *</span>
              <input name="name" required maxLength={200} autoComplete="name" />
            </label>
            <label className="pub-field">
              <span>{t("phone")}</span>
              <input
                name="phone"
                type="tel"
                maxLength={30}
                autoComplete="tel"
                aria-invalid={invalid("identity.phone")}
              />
            </label>
            <label className="pub-field">
              <span>{t("idNumber")}</span>
              <input name="idNumber" inputMode="numeric" maxLength={20} autoComplete="off" />
            </label>
            <label className="pub-field">
              <span>{t("homeAddress")}</span>
              <input name="homeAddress" maxLength={300} autoComplete="street-address" />
            </label>
            <p className="pub-note">{t("identityNote")}</p>
          </div>
        )}
        <label className="pub-check">
          <input type="checkbox" name="wantsProtection" />
          <span>{t("protection")}</span>
        </label>
      </fieldset>
      {error && (
        <p className="pub-error" role="alert">
          {error.text}
        </p>
      )}
      <div className="pub-actions">
        {error?.network && pending.current ? (
          <button type="button" className="pub-primary" disabled={busy} onClick={() => void send()}>
            {busy ? t("sending") : t("retry")}
          </button>
        ) : (
          <button type="submit" className="pub-primary" disabled={busy || !communeId || !!fileError}>
            {busy ? t("sending") : t("send")}
          </button>
        )}
      </div>
    </form>
  );
}
