import { Breadcrumb, Flex, Typography } from "antd";
import { type ReactNode, useEffect } from "react";
import { Link } from "react-router";
import { useT } from "../lib/i18n/index.tsx";

export interface Crumb {
  title: string;
  to?: string;
}

/** The page's one h1, its breadcrumb and its main actions; also sets the document title. */
export function PageHeader({
  title,
  subtitle,
  breadcrumb,
  extra,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  breadcrumb?: Crumb[];
  extra?: ReactNode;
}) {
  const t = useT();
  useEffect(() => {
    if (typeof title === "string") document.title = `${title} — ${t("app.name")}`;
  }, [title, t]);
  return (
    <header style={{ marginBottom: 16 }}>
      {breadcrumb?.length ? (
        <nav aria-label={t("unit.breadcrumb")}>
          <Breadcrumb
            items={breadcrumb.map((c) => ({
              key: `${c.to ?? ""}${c.title}`,
              title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title,
            }))}
            style={{ marginBottom: 8 }}
          />
        </nav>
      ) : null}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Text type="secondary" style={{ display: "block", marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          ) : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </header>
  );
}
