import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Select, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { type DateRange, DateRangePicker } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { api } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { usersApi } from "../accounts/api.ts";
import { diff, show } from "./diff.ts";

interface Entry {
  id: number;
  at: string;
  actor: { id: number; name: string; username?: string | null } | null;
  actorKind?: "user" | "system" | "public";
  actingUnit: { id: number; name: string } | null;
  action: string;
  targetType: string | null;
  targetId: string | number | null;
  unit: { id: number; name: string } | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

interface Filters {
  actorId?: number;
  q?: string;
  unitId?: number | null;
  action?: string;
  range?: DateRange | null;
}

function Diff({ entry }: { entry: Entry }) {
  const t = useT();
  const rows = diff(entry.before, entry.after);
  return (
    <div>
      {entry.reason ? (
        <Typography.Paragraph>
          <strong>{t("audit.reason")}:</strong> {entry.reason}
        </Typography.Paragraph>
      ) : null}
      {entry.actingUnit ? (
        <Typography.Paragraph>
          <strong>{t("audit.actingUnit")}:</strong> {entry.actingUnit.name}
        </Typography.Paragraph>
      ) : null}
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t("audit.noDiff")}</Typography.Text>
      ) : (
        <table style={{ borderCollapse: "collapse", width: "100%", fontSize: 13 }}>
          <caption style={{ textAlign: "start", fontWeight: 600, paddingBottom: 4 }}>
            {t("audit.diff")}
          </caption>
          <thead>
            <tr>
              {[t("audit.field"), t("audit.before"), t("audit.after")].map((h) => (
                <th
                  key={h}
                  scope="col"
                  style={{ textAlign: "start", borderBottom: "1px solid #d9d9d9", padding: 4 }}
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} style={r.changed ? { background: "#fffbe6" } : undefined}>
                <th scope="row" style={{ textAlign: "start", fontWeight: r.changed ? 600 : 400, padding: 4 }}>
                  <code>{r.field}</code>
                </th>
                <td style={{ padding: 4, color: r.changed ? "#a8071a" : undefined, wordBreak: "break-all" }}>
                  {r.changed && r.before !== undefined ? <del>{show(r.before)}</del> : show(r.before)}
                </td>
                <td style={{ padding: 4, color: r.changed ? "#135200" : undefined, wordBreak: "break-all" }}>
                  {r.changed && r.after !== undefined ? <ins>{show(r.after)}</ins> : show(r.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ActorPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: number;
  onChange: (v?: number) => void;
}) {
  const t = useT();
  const [q, setQ] = useState("");
  const users = useQuery({
    queryKey: ["users", "list", { q, picker: true }],
    queryFn: () => usersApi.list({ q }),
    enabled: q.trim().length >= 2,
  });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      placeholder={t("picker.user")}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({
        value: u.id,
        label: `${u.fullName} (${u.username})`,
      }))}
      notFoundContent={null}
    />
  );
}

/** The audit trail for auditors: search, before/after of each entry, and a check of the hash chain. */
export default function AuditPage() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({});
  const [text, setText] = useState("");
  useEffect(() => {
    const handle = setTimeout(() => setFilters((f) => ({ ...f, q: text.trim() || undefined })), 300);
    return () => clearTimeout(handle);
  }, [text]);
  const actions = useQuery({
    queryKey: ["audit", "actions"],
    queryFn: () => api.get<{ items: string[] }>("/api/v1/audit/actions"),
    staleTime: 5 * 60_000,
  });
  const list = useInfiniteQuery({
    queryKey: ["audit", "list", filters],
    queryFn: ({ pageParam }) =>
      api.get<{ items: Entry[]; nextCursor: string | null }>("/api/v1/audit", {
        actorId: filters.actorId,
        q: filters.q,
        unitId: filters.unitId,
        action: filters.action,
        from: filters.range?.[0],
        to: filters.range?.[1],
        cursor: pageParam,
        limit: 50,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const verify = useMutation({
    mutationFn: () =>
      api.get<{ checked: number; firstBreak: number | string | null | { id: number } }>(
        "/api/v1/audit/verify",
      ),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const brokenAt = (b: unknown) =>
    b && typeof b === "object" && "id" in b ? String((b as { id: unknown }).id) : String(b);

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() => verify.mutate()}
            loading={verify.isPending}
          >
            {t("audit.verify")}
          </Button>
        }
      />
      <ProblemAlert error={verify.error} />
      {verify.data ? (
        <Alert
          role="status"
          type={verify.data.firstBreak == null ? "success" : "error"}
          showIcon
          title={
            verify.data.firstBreak == null
              ? t("audit.verifyOk", { n: formatNumber(verify.data.checked) })
              : t("audit.verifyBroken", {
                  id: brokenAt(verify.data.firstBreak),
                  n: formatNumber(verify.data.checked),
                })
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={8} xl={5}>
              <Form.Item label={t("audit.actor")} htmlFor="audit-actor" style={{ marginBottom: 8 }}>
                <ActorPicker
                  id="audit-actor"
                  value={filters.actorId}
                  onChange={(actorId) => setFilters((f) => ({ ...f, actorId }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={5}>
              <Form.Item label={t("audit.unit")} htmlFor="audit-unit" style={{ marginBottom: 8 }}>
                <UnitPicker
                  id="audit-unit"
                  value={filters.unitId ?? null}
                  onChange={(unitId) => setFilters((f) => ({ ...f, unitId }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={5}>
              <Form.Item label={t("audit.action")} htmlFor="audit-action" style={{ marginBottom: 8 }}>
                <Select
                  id="audit-action"
                  allowClear
                  showSearch
                  placeholder={t("common.all")}
                  value={filters.action}
                  onChange={(action) => setFilters((f) => ({ ...f, action: action ?? undefined }))}
                  options={(actions.data?.items ?? []).map((a) => ({ value: a, label: a }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item label={t("common.dateRange")} htmlFor="audit-range" style={{ marginBottom: 8 }}>
                <DateRangePicker
                  id="audit-range"
                  value={filters.range}
                  onChange={(range) => setFilters((f) => ({ ...f, range }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={4}>
              <Form.Item label={t("audit.text")} htmlFor="audit-q" style={{ marginBottom: 8 }}>
                <Input
                  id="audit-q"
                  type="search"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  allowClear
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <ProblemAlert error={list.error} />
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("common.noData") }}
        expandable={{ expandedRowRender: (e) => <Diff entry={e} />, columnTitle: t("common.details") }}
        columns={[
          { title: t("audit.at"), dataIndex: "at", width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t("audit.actor"),
            dataIndex: "actor",
            render: (a: Entry["actor"]) =>
              a ? (
                <Link to={`/tai-khoan/${a.id}`}>{a.name}</Link>
              ) : (
                <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>
              ),
          },
          { title: t("audit.action"), dataIndex: "action", render: (v: string) => <code>{v}</code> },
          {
            title: t("audit.target"),
            key: "target",
            render: (_, e) => (e.targetType ? `${e.targetType} #${e.targetId ?? ""}` : ""),
          },
          { title: t("audit.unit"), dataIndex: "unit", render: (u: Entry["unit"]) => u?.name ?? "" },
          { title: t("audit.ip"), dataIndex: "ip" },
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {t("common.total", { n: formatNumber(rows.length) })}
        </Typography.Text>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("common.loadMore")}
          </Button>
        ) : null}
      </Flex>
    </>
  );
}
