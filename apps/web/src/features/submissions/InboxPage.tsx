import { DownloadOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { type DateRange, DateRangePicker } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { api, queryString } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.ts";
import { formatDate } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { useShowError } from "../../lib/useApiError.ts";
import { type Item, KINDS, STATUSES } from "./api.ts";
import { Due } from "./Due.tsx";
import { L } from "./messages.ts";

interface Filters {
  kind?: string;
  status?: string;
  unitId?: number | null;
  assigneeId?: string;
  copiedToMe?: boolean;
  overdue?: boolean;
  dueSoon?: boolean;
  q?: string;
  from?: string;
  to?: string;
}

const clean = (f: Filters) =>
  Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== "" && v !== false),
  );

export default function InboxPage() {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const showError = useShowError();
  const [filters, setFilters] = useState<Filters>({ status: "open" });
  const [q, setQ] = useState("");
  const [saving, setSaving] = useState(false);
  const [filterName, setFilterName] = useState("");
  const query = clean(filters);
  const counts = useQuery({
    queryKey: ["submissions", "counts", { ...query, status: undefined }],
    queryFn: () =>
      api.get<{ byStatus: Record<string, number>; overdue: number }>("/api/v1/submissions/counts", {
        ...query,
        status: undefined,
      }),
  });
  const list = useInfiniteQuery({
    queryKey: ["submissions", "list", query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Item[]; nextCursor: string | null }>(
        "/api/v1/submissions",
        { ...query, cursor: pageParam, limit: 50 },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const saved = useQuery({
    queryKey: ["submissions", "saved-filters"],
    queryFn: () =>
      api.get<{ items: Array<{ id: number; name: string; filters: Filters }> }>(
        "/api/v1/submissions/saved-filters",
      ),
  });
  const save = useMutation({
    mutationFn: () => api.post("/api/v1/submissions/saved-filters", { name: filterName, filters: query }),
    onSuccess: () => {
      setSaving(false);
      setFilterName("");
      void qc.invalidateQueries({ queryKey: ["submissions", "saved-filters"] });
    },
    onError: showError,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const by = counts.data?.byStatus ?? {};
  const openCount = ["received", "accepted", "in_progress", "suspended"].reduce(
    (n, s) => n + (by[s] ?? 0),
    0,
  );
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <>
      <PageHeader
        title={t(L.inbox)}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={`/api/v1/submissions/export.xlsx${queryString(query)}`}>
              {t(L.export)}
            </Button>
            {can("submission.intake") && (
              <Link to="/tin-bao/moi">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t(L.intake)}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Segmented
        style={{ marginBottom: 12, flexWrap: "wrap" }}
        value={filters.overdue ? "overdue" : (filters.status ?? "all")}
        onChange={(v) =>
          v === "overdue"
            ? set({ overdue: true, status: undefined })
            : set({ overdue: false, status: v === "all" ? undefined : String(v) })
        }
        options={[
          {
            value: "open",
            label: `${t(L.open)} (${openCount})`,
          },
          {
            value: "overdue",
            // in red while anything is overdue
            label: (
              <Typography.Text type={(counts.data?.overdue ?? 0) > 0 ? "danger" : undefined}>
                {`${t(L.overdue)} (${counts.data?.overdue ?? 0})`}
              </Typography.Text>
            ),
          },
          ...STATUSES.map((s) => ({ value: s.value, label: `${t(s.label)} (${by[s.value] ?? 0})` })),
          { value: "all", label: t(L.all) },
        ]}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center">
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t(L.search)}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            aria-label={t(L.search)}
          />
          <Select
            allowClear
            style={{ width: 240 }}
            placeholder={t(L.kind)}
            aria-label={t(L.kind)}
            value={filters.kind}
            onChange={(v) => set({ kind: v })}
            options={KINDS.map((k) => ({ value: k.value, label: t(k.label) }))}
          />
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t(L.assignee)}
            aria-label={t(L.assignee)}
            value={filters.assigneeId}
            onChange={(v) => set({ assigneeId: v })}
            options={[
              { value: "me", label: t(L.mine) },
              { value: "none", label: t(L.unassigned) },
            ]}
          />
          <div style={{ width: 260 }}>
            <UnitPicker
              value={filters.unitId ?? null}
              onChange={(v) => set({ unitId: v })}
              placeholder={t(L.unit)}
            />
          </div>
          <div style={{ width: 260 }}>
            <DateRangePicker
              value={
                filters.from || filters.to ? ([filters.from ?? null, filters.to ?? null] as DateRange) : null
              }
              onChange={(r) => set({ from: r?.[0] ?? undefined, to: r?.[1] ?? undefined })}
            />
          </div>
          <Checkbox checked={!!filters.dueSoon} onChange={(e) => set({ dueSoon: e.target.checked })}>
            {t(L.dueSoon)}
          </Checkbox>
          <Checkbox checked={!!filters.copiedToMe} onChange={(e) => set({ copiedToMe: e.target.checked })}>
            {t(L.copied)}
          </Checkbox>
          <Select
            style={{ width: 190 }}
            placeholder={t(L.savedFilters)}
            aria-label={t(L.savedFilters)}
            value={null}
            onChange={(id) => {
              const f = saved.data?.items.find((s) => s.id === id);
              if (f) {
                setFilters(f.filters);
                setQ(f.filters.q ?? "");
              }
            }}
            options={(saved.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
            {t(L.saveFilter)}
          </Button>
        </Flex>
      </Card>
      {list.error && <ProblemAlert error={list.error} />}
      <Table<Item>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        columns={[
          {
            title: t(L.ref),
            dataIndex: "ref",
            width: 150,
            render: (ref: string, r) => <Link to={`/tin-bao/${r.id}`}>{ref}</Link>,
          },
          {
            title: t(L.kind),
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{t(r.kindLabel)}</span>
                {r.wantsProtection && <Tag color="purple">{t(L.protection)}</Tag>}
              </Space>
            ),
          },
          { title: t(L.summary), dataIndex: "summary", ellipsis: true },
          { title: t(L.unit), render: (_, r) => r.unit.name, ellipsis: true },
          { title: t(L.received), width: 110, render: (_, r) => formatDate(r.receivedOn) },
          { title: t(L.due), width: 190, render: (_, r) => <Due {...r} /> },
          {
            title: t(L.status),
            width: 160,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={r.status === "closed" ? "green" : r.status === "merged" ? "default" : "blue"}>
                  {t(r.statusLabel)}
                </Tag>
                {r.subStatusLabel && <small>{t(r.subStatusLabel)}</small>}
              </Space>
            ),
          },
          { title: t(L.assignee), width: 150, render: (_, r) => r.assignee?.name ?? "" },
        ]}
      />
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t({ vi: "Xem thêm", en: "Load more" })}
          </Button>
        </Flex>
      )}
      <Modal
        open={saving}
        title={t(L.saveFilter)}
        onCancel={() => setSaving(false)}
        onOk={() => save.mutate()}
        okButtonProps={{ disabled: !filterName.trim(), loading: save.isPending }}
        okText={t(L.save)}
        cancelText={t(L.cancel)}
      >
        <Input
          value={filterName}
          onChange={(e) => setFilterName(e.target.value)}
          placeholder={t(L.filterName)}
          maxLength={100}
        />
      </Modal>
    </>
  );
}
