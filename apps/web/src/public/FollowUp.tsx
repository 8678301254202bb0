import { type FormEvent, useEffect, useState } from "react";
import { fileToBase64, PublicError, request } from "./api.ts";
import { formatDate, type Lang } from "./messages.ts";
import type { T } from "./PublicApp.tsx";

interface View {
  ref: string;
  kindLabel: { vi: string; en: string };
  statusLabel: { vi: string; en: string };
  status: string;
  unitName: string;
  receivedAt: string;
  dueOn: string | null;
  closedOn: string | null;
  outcomeLabel: { vi: string; en: string } | null;
  awaitingAnswer: boolean;
  canAddInformation: boolean;
  canRate: boolean;
  rating: number | null;
  messages: Array<{
    id: number;
    author: "citizen" | "officer";
    kind: string;
    body: string;
    createdAt: string;
  }>;
}

export function FollowUp({ t, lang, initialCode }: { t: T; lang: Lang; initialCode: string }) {
  const [code, setCode] = useState(initialCode);
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [stars, setStars] = useState(0);

  const fail = (e: unknown) =>
    setError(
      e instanceof PublicError && e.problem.code !== "network" ? e.problem.messages[lang] : t("network"),
    );

  async function load(c = code) {
    setBusy(true);
    setError(null);
    try {
      setView(
        await request<View>("GET", "/api/v1/public/submissions/receipt", undefined, { "x-receipt-code": c }),
      );
    } catch (e) {
      setView(null);
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once for a code handed over by the form
  useEffect(() => {
    if (initialCode) void load(initialCode);
  }, [initialCode]);

  async function answer(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const files = (form.getAll("files") as File[]).filter((f) => f.size > 0);
    setBusy(true);
    setError(null);
    try {
      await request(
        "POST",
        "/api/v1/public/submissions/receipt/messages",
        {
          body: String(form.get("body") ?? ""),
          attachments: await Promise.all(files.map(async (f) => ({ data: await fileToBase64(f) }))),
        },
        { "x-receipt-code": code },
      );
      formEl.reset();
      setNotice(t("answerSent"));
      await load();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function rate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      await request(
        "POST",
        "/api/v1/public/submissions/receipt/rating",
        { rating: stars, comment: String(form.get("comment") ?? "") },
        { "x-receipt-code": code },
      );
      setNotice(t("thanks"));
      await load();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="pub-card">
      <form
        className="pub-lookup"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          void load();
        }}
      >
        <label className="pub-field">
          <span>{t("enterCode")}</span>
          <input
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="XXXX-XXXX-XXXX-XXXX"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            required
          />
        </label>
        <button type="submit" className="pub-primary" disabled={busy}>
          {t("lookUp")}
        </button>
      </form>
      {error && (
        <p className="pub-error" role="alert">
          {error}
        </p>
      )}
      {notice && <p className="pub-ok">{notice}</p>}
      {view && (
        <div className="pub-view">
          <h2>
            {view.ref} · {view.kindLabel[lang]}
          </h2>
          <dl className="pub-dl">
            <dt>{t("status")}</dt>
            <dd data-testid="public-status">{view.statusLabel[lang]}</dd>
            <dt>{t("handledBy")}</dt>
            <dd>{view.unitName}</dd>
            <dt>{t("receivedAt")}</dt>
            <dd>{formatDate(view.receivedAt)}</dd>
            {view.dueOn && (
              <>
                <dt>{t("dueOn")}</dt>
                <dd>{formatDate(view.dueOn)}</dd>
              </>
            )}
            {view.outcomeLabel && (
              <>
                <dt>{t("outcome")}</dt>
                <dd>{view.outcomeLabel[lang]}</dd>
              </>
            )}
          </dl>
          <h3>{t("conversation")}</h3>
          {view.messages.length === 0 && <p className="pub-note">{t("noMessages")}</p>}
          <ol className="pub-thread">
            {view.messages.map((m) => (
              <li key={m.id} className={m.author === "citizen" ? "pub-msg pub-mine" : "pub-msg"}>
                <span className="pub-who">
                  {m.author === "citizen" ? t("you") : t("police")}
                  {m.kind === "question" ? ` · ${t("question")}` : ""} · {formatDate(m.createdAt)}
                </span>
                <p>{m.body}</p>
              </li>
            ))}
          </ol>
          {view.awaitingAnswer && <p className="pub-warning">{t("awaiting")}</p>}
          {view.canAddInformation && (
            <form onSubmit={answer}>
              <label className="pub-field">
                <span>{t("answer")}</span>
                <textarea name="body" required maxLength={5000} rows={4} />
              </label>
              <label className="pub-field">
                <span>{t("files")}</span>
                <input
                  type="file"
                  name="files"
                  multiple
                  accept="image/jpeg,image/png,image/webp,application/pdf"
                />
              </label>
              <div className="pub-actions">
                <button type="submit" className="pub-primary" disabled={busy}>
                  {t("sendAnswer")}
                </button>
              </div>
            </form>
          )}
          {view.canRate && (
            <form onSubmit={rate}>
              <fieldset className="pub-stars">
                <legend>{t("rate")}</legend>
                {[1, 2, 3, 4, 5].map((n) => (
                  <button
                    key={n}
                    type="button"
                    aria-label={`${n}/5`}
                    aria-pressed={stars >= n}
                    className={stars >= n ? "on" : ""}
                    onClick={() => setStars(n)}
                  >
                    ★
                  </button>
                ))}
              </fieldset>
              <label className="pub-field">
                <span>{t("rateComment")}</span>
                <textarea name="comment" maxLength={1000} rows={2} />
              </label>
              <div className="pub-actions">
                <button type="submit" className="pub-primary" disabled={busy || stars === 0}>
                  {t("sendRating")}
                </button>
              </div>
            </form>
          )}
          {view.rating != null && (
            <p>
              {t("yourRating")}: {"★".repeat(view.rating)}
              {"☆".repeat(5 - view.rating)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
