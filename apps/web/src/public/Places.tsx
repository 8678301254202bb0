import { useEffect, useState } from "react";
import { request } from "./api.ts";
import type { T } from "./PublicApp.tsx";

interface Place {
  id: number;
  name: string;
}

const cache = new Map<string, Place[]>();
async function places(url: string): Promise<Place[]> {
  const hit = cache.get(url);
  if (hit) return hit;
  const { items } = await request<{ items: Place[] }>("GET", url);
  cache.set(url, items);
  return items;
}

export function usePlaces(url: string | null): Place[] {
  const [items, setItems] = useState<Place[]>([]);
  useEffect(() => {
    let live = true;
    if (!url) {
      setItems([]);
      return;
    }
    places(url)
      .then((r) => live && setItems(r))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [url]);
  return items;
}

export function PlaceSelect(props: {
  t: T;
  id: string;
  label: string;
  items: Place[];
  value: number | null;
  onChange: (v: number | null) => void;
  required?: boolean;
  disabled?: boolean;
}) {
  return (
    <label className="pub-field" htmlFor={props.id}>
      <span>
        {props.label}
        {props.required ? " *" : ""}
      </span>
      <select
        id={props.id}
        value={props.value ?? ""}
        required={props.required}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{props.t("choose")}</option>
        {props.items.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
