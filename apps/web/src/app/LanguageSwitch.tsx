import { useMutation } from "@tanstack/react-query";
import { Select } from "antd";
import { api } from "../lib/api.ts";
import { type Me, useMe, useSetMe } from "../lib/auth.ts";
import { type Lang, useLang, useT } from "../lib/i18n/index.tsx";

/** Switches the interface language and remembers it in the user's profile. */
export function LanguageSwitch({ id = "language-switch" }: { id?: string }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const me = useMe();
  const setMe = useSetMe();
  const save = useMutation({
    mutationFn: (locale: Lang) => api.patch<Me>("/api/v1/auth/profile", { locale }),
    onSuccess: (next) => next?.user && setMe(next),
  });
  return (
    <Select<Lang>
      id={id}
      aria-label={t("lang.label")}
      value={lang}
      onChange={(next) => {
        setLang(next);
        if (me.data && !me.data.pending) save.mutate(next);
      }}
      options={[
        { value: "vi", label: t("lang.vi") },
        { value: "en", label: t("lang.en") },
      ]}
      style={{ width: 130 }}
      popupMatchSelectWidth={false}
    />
  );
}
