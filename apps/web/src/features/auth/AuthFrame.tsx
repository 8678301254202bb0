import { Card, Flex } from "antd";
import { type ReactNode, useEffect } from "react";
import { LanguageSwitch } from "../../app/LanguageSwitch.tsx";
import { useT } from "../../lib/i18n/index.tsx";

/** The centred card around the sign-in steps. */
export function AuthFrame({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} — ${t("app.name")}`;
  }, [title, t]);
  return (
    <div style={{ minHeight: "100vh", background: "#f0f2f5", padding: "24px 16px" }}>
      <Flex justify="flex-end" style={{ maxWidth: wide ? 720 : 460, margin: "0 auto 16px" }}>
        <LanguageSwitch id="language-switch-auth" />
      </Flex>
      <main style={{ maxWidth: wide ? 720 : 460, margin: "0 auto" }}>
        <p style={{ textAlign: "center", marginBottom: 16 }}>
          <strong style={{ fontSize: 22, color: "#1f4e8c" }}>{t("app.name")}</strong>
          <br />
          <span style={{ color: "rgba(0,0,0,0.55)" }}>{t("signIn.subtitle")}</span>
        </p>
        <Card>
          <h1 style={{ fontSize: 22, marginTop: 0, fontWeight: 600 }}>{title}</h1>
          {children}
        </Card>
      </main>
    </div>
  );
}
