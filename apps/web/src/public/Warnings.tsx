import { useEffect, useState } from "react";
import { request } from "./api.ts";
import { formatDate, type Lang } from "./messages.ts";
import { PlaceSelect, usePlaces } from "./Places.tsx";
import type { T } from "./PublicApp.tsx";

interface Warning {
  id: number;
  title: string;
  body: string;
  publishedOn: string;
  unitName: string;
}

export function Warnings({ t }: { t: T; lang: Lang }) {
  const [provinceId, setProvinceId] = useState<number | null>(null);
  const [communeId, setCommuneId] = useState<number | null>(null);
  const [items, setItems] = useState<Warning[] | null>(null);
  const provinces = usePlaces("/api/v1/public/submissions/places/provinces");
  const communes = usePlaces(
    provinceId ? `/api/v1/public/submissions/places/communes?provinceId=${provinceId}` : null,
  );
  useEffect(() => {
    // before a place is chosen, the latest warnings of the whole country
    const q = communeId ? `communeId=${communeId}` : provinceId ? `provinceId=${provinceId}` : "";
    let live = true;
    request<{ items: Warning[] }>("GET", `/api/v1/public/warnings?${q}`)
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [provinceId, communeId]);
  return (
    <section className="pub-card">
      <h2>{t("warningsFor")}</h2>
      <div className="pub-grid">
        <PlaceSelect
          t={t}
          id="w-province"
          label={t("province")}
          items={provinces}
          value={provinceId}
          onChange={(v) => {
            setProvinceId(v);
            setCommuneId(null);
          }}
        />
        <PlaceSelect
          t={t}
          id="w-commune"
          label={t("commune")}
          items={communes}
          value={communeId}
          disabled={!provinceId}
          onChange={setCommuneId}
        />
      </div>
      {!provinceId && items && items.length > 0 && <p className="pub-note">{t("latestWarnings")}</p>}
      {items?.length === 0 && <p className="pub-note">{t("noWarnings")}</p>}
      {items?.map((w) => (
        <article key={w.id} className="pub-warning-item">
          <h3>{w.title}</h3>
          <p className="pub-note">
            {w.unitName} · {formatDate(w.publishedOn)}
          </p>
          <p>{w.body}</p>
        </article>
      ))}
    </section>
  );
}
