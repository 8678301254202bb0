import { Card, Col, List, Row, Tag, Typography } from "antd";
import { Link } from "react-router";
import { menuItems } from "../../app/features.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useCan, useMe } from "../../lib/auth.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { useRoleLabel } from "../accounts/roles.ts";

/** Welcome for the acting unit, with shortcuts to what the user may open. */
export default function HomePage() {
  const t = useT();
  const me = useMe().data!;
  const can = useCan();
  const roleLabel = useRoleLabel();
  const shortcuts = menuItems.filter((m) => m.path !== "/" && (!m.action || can(m.action)));
  return (
    <>
      <PageHeader
        title={t("home.welcome", { name: me.user.fullName })}
        subtitle={t("home.actingFor", { unit: me.actingUnit.name })}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                {t("home.shortcuts")}
              </Typography.Title>
            }
          >
            <List
              dataSource={shortcuts}
              renderItem={(m) => (
                <List.Item>
                  <Link to={m.path}>
                    {m.icon}{" "}
                    <span style={{ marginInlineStart: 8 }}>
                      {m.labelKey ? t(m.labelKey) : m.label ? t(m.label) : m.key}
                    </span>
                  </Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                {t("home.roles")}
              </Typography.Title>
            }
          >
            <List
              dataSource={me.grants}
              locale={{ emptyText: t("common.none") }}
              renderItem={(g) => (
                <List.Item>
                  <Tag color="blue">{roleLabel(g.role)}</Tag> {g.unitName}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
