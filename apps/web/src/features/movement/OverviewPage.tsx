import { useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, InputNumber, List, Row, Statistic, Table, Tree, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { movementApi, type RegisterNode } from "./api.ts";
import { UnitBar, useM, useUnitParam } from "./shared.tsx";

interface TreeItem {
  key: number;
  title: string;
  children: TreeItem[];
}
const toTree = (nodes: RegisterNode[]): TreeItem[] =>
  nodes.map((n) => ({ key: n.id, title: `${n.name} — ${n.unitName}`, children: toTree(n.children) }));

/** A unit's movement overview: the year's figures (indicator registry) and the model register. */
export default function OverviewPage() {
  const m = useM();
  const [unitId, setUnitId] = useUnitParam();
  const [year, setYear] = useState(new Date().getFullYear());
  const overview = useQuery({
    queryKey: ["movement", "overview", unitId, year],
    queryFn: () => movementApi.overview(unitId!, year),
    enabled: !!unitId,
  });
  const register = useQuery({
    queryKey: ["movement", "register", unitId],
    queryFn: () => movementApi.register(unitId!),
    enabled: !!unitId,
  });
  const q = unitId ? `?unit=${unitId}` : "";
  return (
    <>
      <PageHeader title={m("overview.title")} subtitle={overview.data?.unit.name} />
      <UnitBar unitId={unitId} onChange={setUnitId} />
      <ProblemAlert error={overview.error ?? register.error} />
      <Card
        title={m("overview.figures", { year })}
        extra={
          <label htmlFor="movement-overview-year">
            {m("common.year")}{" "}
            <InputNumber
              id="movement-overview-year"
              min={1990}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
            />
          </label>
        }
        style={{ marginBottom: 16 }}
      >
        <Row gutter={[16, 16]}>
          {overview.data?.figures.map((f) => (
            <Col key={f.code} xs={24} sm={12} md={8} lg={6}>
              <Card size="small" data-code={f.code}>
                <Statistic
                  title={m.lang === "en" ? f.label.en : f.label.vi}
                  value={f.value == null ? "—" : formatNumber(f.value)}
                  suffix={
                    f.unit.vi && f.value != null ? (m.lang === "en" ? f.unit.en : f.unit.vi) : undefined
                  }
                />
                <Typography.Text type="secondary">
                  {m("overview.lastYear", { value: f.lastYear == null ? "—" : formatNumber(f.lastYear) })}
                </Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={m("overview.register")} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="typeId"
              pagination={false}
              dataSource={register.data?.byType ?? []}
              locale={{ emptyText: m("overview.none") }}
              columns={[
                {
                  title: m("models.type"),
                  dataIndex: "name",
                  render: (name, r) => (
                    <Link to={`/phong-trao/mo-hinh?unit=${unitId}&type=${r.typeId}`}>{name}</Link>
                  ),
                },
                { title: m("common.total"), dataIndex: "total", align: "right" },
                { title: m("status.active"), render: (_, r) => r.byStatus.active ?? 0, align: "right" },
                { title: m("status.suspended"), render: (_, r) => r.byStatus.suspended ?? 0, align: "right" },
                { title: m("status.ended"), render: (_, r) => r.byStatus.ended ?? 0, align: "right" },
                { title: m("models.members"), dataIndex: "members", align: "right" },
              ]}
              summary={() =>
                register.data ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{m("common.total")}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {register.data.totals.models}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {register.data.totals.active}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {register.data.totals.suspended}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {register.data.totals.ended}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      {register.data.totals.members}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
          <Card title={m("overview.replication")}>
            {register.data?.replicationTree.length ? (
              <Tree defaultExpandAll treeData={toTree(register.data.replicationTree)} selectable={false} />
            ) : (
              <Empty description={m("overview.none")} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={m("overview.dueForReview")}>
            <List
              size="small"
              dataSource={register.data?.dueForReview ?? []}
              locale={{ emptyText: m("overview.none") }}
              renderItem={(r) => (
                <List.Item>
                  <Link to={`/phong-trao/mo-hinh/${r.id}`}>{r.name}</Link>
                  <Typography.Text type="secondary">{formatDate(r.nextReviewOn)}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
          <Card style={{ marginTop: 16 }}>
            <List
              size="small"
              dataSource={[
                ["/phong-trao/hoat-dong", m("menu.activities")],
                ["/phong-trao/mo-hinh", m("menu.models")],
                ["/phong-trao/dien-dan", m("menu.forums")],
                ["/phong-trao/cam-ket", m("menu.pledges")],
                ["/phong-trao/giao-nop-vu-khi", m("menu.weapons")],
              ]}
              renderItem={([to, label]) => (
                <List.Item>
                  <Link to={`${to}${q}`}>{label}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
