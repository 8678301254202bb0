import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { Bilingual } from "../api.ts";
import { en } from "./en.ts";
import { type MessageKey, vi } from "./vi.ts";

export type { MessageKey };
export type Lang = "vi" | "en";
export type Params = Record<string, string | number>;

const STORAGE_KEY = "danvan.lang";
const catalogues: Record<Lang, Record<MessageKey, string>> = { vi, en };

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/** Replaces `{name}` placeholders. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export interface Translate {
  /** A catalogue key, or a bilingual text from the server or a feature's own messages. */
  (key: MessageKey | Bilingual, params?: Params): string;
  lang: Lang;
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: "vi", setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export function translator(lang: Lang): Translate {
  const t = ((key: MessageKey | Bilingual, params?: Params) => {
    const text = typeof key === "string" ? (catalogues[lang][key] ?? vi[key] ?? key) : key[lang] || key.vi;
    return interpolate(text, params);
  }) as Translate;
  t.lang = lang;
  return t;
}

/** `const t = useT(); t("signIn.title")`, `t({ vi, en })`, `t.lang`. */
export function useT(): Translate {
  const { lang } = useLang();
  return useMemo(() => translator(lang), [lang]);
}

export type Catalogue<K extends string> = { vi: Record<K, string>; en: Record<K, string> };

/**
 * A feature's own messages, outside the shell's catalogue:
 * `export const tipsMessages = defineMessages({ vi: {...}, en: {...} })` (en must have every key),
 * then in a component `const t = useMessages(tipsMessages); t("title")`.
 */
export function defineMessages<K extends string>(catalogue: Catalogue<K>): Catalogue<K> {
  return catalogue;
}

export function useMessages<K extends string>(catalogue: Catalogue<K>) {
  const { lang } = useLang();
  return useMemo(() => {
    const t = (key: K, params?: Params) => interpolate(catalogue[lang][key] ?? catalogue.vi[key], params);
    t.lang = lang;
    return t;
  }, [lang, catalogue]);
}
