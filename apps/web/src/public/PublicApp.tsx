import { useState } from "react";
import { FollowUp } from "./FollowUp.tsx";
import { type Key, type Lang, M } from "./messages.ts";
import { SubmitForm } from "./SubmitForm.tsx";
import { Warnings } from "./Warnings.tsx";
import "./public.css";

/**
 * The public citizen page (/cong-dan): send a report, follow it with the receipt code, read the
 * crime-method warnings of an area. Plain React and a little CSS, no antd; Vietnamese with English.
 */
export type T = (key: Key) => string;

const storedLang = (): Lang => {
  try {
    return localStorage.getItem("danvan.lang") === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
};

export default function PublicApp() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [tab, setTab] = useState<"submit" | "follow" | "warnings">(
    window.location.hash === "#tra-cuu"
      ? "follow"
      : window.location.hash === "#canh-bao"
        ? "warnings"
        : "submit",
  );
  const [code, setCode] = useState("");
  const t: T = (key) => M[key][lang];
  const setLang = (l: Lang) => {
    setLangState(l);
    document.documentElement.lang = l;
    try {
      localStorage.setItem("danvan.lang", l);
    } catch {}
  };
  return (
    <div className="pub">
      <header className="pub-header">
        <div className="pub-brand">
          <span className="pub-emblem" aria-hidden="true">
            ★
          </span>
          <h1>{t("title")}</h1>
        </div>
        <fieldset className="pub-lang" aria-label="Ngôn ngữ / Language">
          <button type="button" aria-pressed={lang === "vi"} onClick={() => setLang("vi")}>
            Tiếng Việt
          </button>
          <button type="button" aria-pressed={lang === "en"} onClick={() => setLang("en")}>
            English
          </button>
        </fieldset>
      </header>
      <p className="pub-sub">{t("subtitle")}</p>
      <p className="pub-emergency">{t("emergency")}</p>
      <div className="pub-tabs" role="tablist">
        {(["submit", "follow", "warnings"] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
            {t(k === "submit" ? "tabSubmit" : k === "follow" ? "tabFollow" : "tabWarnings")}
          </button>
        ))}
      </div>
      <main className="pub-main">
        {tab === "submit" && (
          <SubmitForm
            t={t}
            lang={lang}
            onFollow={(c) => {
              setCode(c);
              setTab("follow");
            }}
          />
        )}
        {tab === "follow" && <FollowUp t={t} lang={lang} initialCode={code} />}
        {tab === "warnings" && <Warnings t={t} lang={lang} />}
      </main>
    </div>
  );
}
