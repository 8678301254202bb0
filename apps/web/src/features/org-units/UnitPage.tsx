import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Result,
  Row,
  Spin,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { ApiError } from "../../lib/api.ts";
import { formatDate, formatNumber, formatPercent, todayIso } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { type UnitSummary, unitKeys, unitsApi } from "./api.ts";
import { adminTypeLabel, eventLabel, isClosed, kindLabel } from "./labels.ts";
import { ACTION_TITLES, allowedActions, type UnitAction, UnitActionModal } from "./UnitActions.tsx";

const h2 = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

function Children({ id }: { id: number }) {
  const t = useT();
  const [includeClosed, setIncludeClosed] = useState(false);
  const children = useQuery({
    queryKey: unitKeys.children(id, { includeClosed }),
    queryFn: () => unitsApi.children(id, { includeClosed }),
  });
  const today = todayIso();
  return (
    <Card
      title={h2(t("unit.children"))}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
          <Switch
            id="children-include-closed"
            size="small"
            checked={includeClosed}
            onChange={setIncludeClosed}
          />
          <label htmlFor="children-include-closed">{t("units.includeClosed")}</label>
        </span>
      }
    >
      <ProblemAlert error={children.error} />
      <Table<UnitSummary>
        rowKey="id"
        size="small"
        loading={children.isLoading}
        dataSource={children.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t("common.none") }}
        columns={[
          {
            title: t("unit.name"),
            dataIndex: "name",
            render: (name: string, u) => (
              <>
                <Link to={`/don-vi/${u.id}`}>{name}</Link>
                {isClosed(u, today) ? <Tag style={{ marginInlineStart: 8 }}>{t("units.closed")}</Tag> : null}
              </>
            ),
          },
          {
            title: t("unit.adminType"),
            dataIndex: "adminType",
            render: (v: string | null) => adminTypeLabel(t, v),
          },
          { title: t("unit.code"), dataIndex: "code" },
          {
            title: t("unit.childCount"),
            dataIndex: "childCount",
            align: "right",
            render: (n: number) => formatNumber(n),
          },
          { title: t("unit.validFrom"), dataIndex: "validFrom", render: (d: string) => formatDate(d) },
        ]}
      />
    </Card>
  );
}

function TodayUnits({ id }: { id: number }) {
  const t = useT();
  const current = useQuery({ queryKey: ["org-units", "current", id], queryFn: () => unitsApi.current(id) });
  if (!current.data?.items.length) return null;
  return (
    <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
      <strong>{t("unit.todayUnits")}: </strong>
      {current.data.items.map((u, i) => (
        <span key={u.id}>
          {i ? ", " : ""}
          <Link to={`/don-vi/${u.id}`}>{u.name}</Link>
          {u.share !== null && u.share < 1 ? ` (${formatPercent(u.share)})` : ""}
        </span>
      ))}
    </Typography.Paragraph>
  );
}

/** One unit: details, place in the tree, subunits, name history, lineage and the changes the user may make. */
export default function UnitPage() {
  const t = useT();
  const id = Number(useParams().id);
  const [action, setAction] = useState<UnitAction | null>(null);
  const detail = useQuery({
    queryKey: unitKeys.detail(id),
    queryFn: () => unitsApi.get(id),
    enabled: id > 0,
  });
  const today = todayIso();

  if (detail.isLoading) return <Spin />;
  if (detail.error instanceof ApiError && detail.error.status === 404)
    return <Result status="404" title="404" subTitle={detail.error.text(t.lang)} />;
  if (detail.error || !detail.data) return <ProblemAlert error={detail.error} />;
  const d = detail.data;
  const u = d.unit;
  const closed = isClosed(u, today);
  const actions = allowedActions(u);

  return (
    <>
      <PageHeader
        title={u.name}
        subtitle={
          <>
            {kindLabel(t, u.kind)}
            {closed ? (
              <Tag color="red" style={{ marginInlineStart: 8 }}>
                {t("units.closedOn", { date: formatDate(u.validTo) })}
              </Tag>
            ) : null}
          </>
        }
        breadcrumb={[
          { title: t("units.title"), to: "/don-vi" },
          ...d.ancestors.map((a) => ({ title: a.name, to: `/don-vi/${a.id}` })),
          { title: u.name },
        ]}
        extra={actions.map((a) => (
          <Button key={a} onClick={() => setAction(a)} danger={a === "close"}>
            {t(ACTION_TITLES[a])}
          </Button>
        ))}
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={h2(t("unit.details"))} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t("unit.name")}>{u.name}</Descriptions.Item>
              <Descriptions.Item label={t("unit.placeName")}>{u.placeName}</Descriptions.Item>
              <Descriptions.Item label={t("unit.kind")}>{kindLabel(t, u.kind)}</Descriptions.Item>
              <Descriptions.Item label={t("unit.adminType")}>
                {adminTypeLabel(t, u.adminType)}
              </Descriptions.Item>
              <Descriptions.Item label={t("unit.code")}>{u.code ?? t("common.emDash")}</Descriptions.Item>
              <Descriptions.Item label={t("unit.validFrom")}>{formatDate(u.validFrom)}</Descriptions.Item>
              <Descriptions.Item label={t("unit.validTo")}>
                {u.validTo ? formatDate(u.validTo) : t("users.indefinite")}
              </Descriptions.Item>
              <Descriptions.Item label={t("unit.isRemote")}>
                {u.isRemote ? t("common.yes") : t("common.no")}
              </Descriptions.Item>
              <Descriptions.Item label={t("unit.isHotspot")}>
                {u.isHotspot ? t("common.yes") : t("common.no")}
              </Descriptions.Item>
            </Descriptions>
            {closed ? <TodayUnits id={u.id} /> : null}
          </Card>
          <Children id={u.id} />
          <Card title={h2(t("unit.events"))} size="small" style={{ marginBottom: 16 }}>
            <Table
              rowKey="id"
              size="small"
              dataSource={d.events}
              pagination={false}
              locale={{ emptyText: t("common.none") }}
              columns={[
                {
                  title: t("unit.effectiveOn"),
                  dataIndex: "effectiveOn",
                  render: (v: string) => formatDate(v),
                },
                { title: t("unit.eventKind"), dataIndex: "kind", render: (k: string) => eventLabel(t, k) },
                {
                  title: t("unit.eventFrom"),
                  dataIndex: "from",
                  render: (r: { id: number; name: string }) =>
                    r.id === u.id ? r.name : <Link to={`/don-vi/${r.id}`}>{r.name}</Link>,
                },
                {
                  title: t("unit.eventTo"),
                  dataIndex: "to",
                  render: (r: { id: number; name: string } | null) =>
                    !r ? (
                      t("common.emDash")
                    ) : r.id === u.id ? (
                      r.name
                    ) : (
                      <Link to={`/don-vi/${r.id}`}>{r.name}</Link>
                    ),
                },
                {
                  title: t("unit.share"),
                  dataIndex: "share",
                  align: "right",
                  render: (s: number | null) => (s === null ? "" : formatPercent(s)),
                },
                { title: t("unit.decisionRef"), dataIndex: "decisionRef" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={h2(t("unit.counts"))} size="small" style={{ marginBottom: 16 }}>
            <Row gutter={8}>
              <Col span={8}>
                <Statistic
                  title={t("unit.childCount")}
                  value={d.counts.children}
                  formatter={(v) => formatNumber(Number(v))}
                />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t("unit.areas")}
                  value={d.counts.areas}
                  formatter={(v) => formatNumber(Number(v))}
                />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t("unit.users")}
                  value={d.counts.users}
                  formatter={(v) => formatNumber(Number(v))}
                />
              </Col>
            </Row>
          </Card>
          <Card title={h2(t("unit.names"))} size="small" style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.names}
              locale={{ emptyText: t("common.none") }}
              renderItem={(n) => (
                <List.Item>
                  <div>
                    <div>{n.name}</div>
                    <Typography.Text type="secondary">
                      {formatDate(n.validFrom)} –{" "}
                      {n.validTo ? formatDate(n.validTo) : t("unit.current").toLowerCase()}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          </Card>
          <Card title={h2(t("unit.predecessors"))} size="small" style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.predecessors}
              locale={{ emptyText: t("common.none") }}
              renderItem={(p) => (
                <List.Item>
                  <Link to={`/don-vi/${p.id}`}>{p.name}</Link>
                  {p.validTo ? (
                    <Typography.Text type="secondary">{formatDate(p.validTo)}</Typography.Text>
                  ) : null}
                </List.Item>
              )}
            />
          </Card>
          <Card title={h2(t("unit.successors"))} size="small" style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.successors}
              locale={{ emptyText: t("common.none") }}
              renderItem={(s) => (
                <List.Item>
                  <Link to={`/don-vi/${s.id}`}>{s.name}</Link>
                  {s.share !== null && s.share < 1 ? <span>{formatPercent(s.share)}</span> : null}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {action ? (
        <UnitActionModal key={action} unit={u} action={action} onClose={() => setAction(null)} />
      ) : null}
    </>
  );
}
