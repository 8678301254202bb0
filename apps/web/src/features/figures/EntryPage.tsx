import { CheckCircleOutlined, LockOutlined, SaveOutlined, UnlockOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { ApiError } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.ts";
import { formatDateTime, formatNumber, todayIso } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { useShowError } from "../../lib/useApiError.ts";
import {
  FIGURE_PERIOD_TYPES,
  type FigurePeriodType,
  periodStart,
  periodsPerYear,
  previousPeriod,
} from "../reports/period.ts";
import {
  figureKeys,
  figuresApi,
  type Grid,
  type GridRow,
  type Outlier,
  type PeriodKey,
  type Problem,
} from "./api.ts";
import { figuresMessages } from "./messages.ts";
import { usePeriodText } from "./period-text.ts";

type T = ReturnType<typeof useFigureT>;
const useFigureT = () => useMessages(figuresMessages);

function periodOptions(t: T, type: FigurePeriodType) {
  const n = periodsPerYear(type);
  return Array.from({ length: n }, (_, i) => ({
    value: i + 1,
    label:
      type === "month"
        ? t("period.monthN", { n: i + 1 })
        : type === "quarter"
          ? t("period.quarterN", { n: i + 1 })
          : type === "half_year"
            ? i === 0
              ? t("period.halfFirst")
              : t("period.halfSecond")
            : t("period.yearOnly"),
  }));
}

/**
 * Data entry of figures no record yields, for a unit and a reporting period: validation messages from
 * the server on the rows, a confirmation dialog for unusual values, and approval by the level above
 * (which locks the period; unlocking needs a reason). A second tab is the approval board of the units
 * below the chosen one.
 */
export default function EntryPage() {
  const t = useFigureT();
  const me = useMe().data!;
  const can = useCan();
  const [unitId, setUnitId] = useState<number>(me.actingUnit.id);
  const [type, setType] = useState<FigurePeriodType>("quarter");
  const [[year, index], setPeriod] = useState<[number, number]>(() => previousPeriod("quarter", todayIso()));
  const [tab, setTab] = useState("grid");
  const key: PeriodKey = { unitId, periodType: type, periodStart: periodStart(type, year, index) };

  return (
    <>
      <PageHeader
        title={t("entry.title")}
        subtitle={t("entry.subtitle")}
        extra={
          can("figure.define") ? (
            <Link to="/nhap-so-lieu/chi-tieu">
              <Button>{t("entry.defineLink")}</Button>
            </Link>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item label={t("entry.unit")} htmlFor="fe-unit" style={{ marginBottom: 0 }}>
                <UnitPicker
                  id="fe-unit"
                  allowClear={false}
                  includeClosed
                  value={unitId}
                  onChange={(v) => v && setUnitId(v)}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t("entry.periodType")} htmlFor="fe-type" style={{ marginBottom: 0 }}>
                <Select<FigurePeriodType>
                  id="fe-type"
                  value={type}
                  onChange={(v) => {
                    setType(v);
                    setPeriod(previousPeriod(v, todayIso()));
                  }}
                  options={FIGURE_PERIOD_TYPES.map((p) => ({ value: p, label: t(`period.${p}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t("entry.period")} htmlFor="fe-index" style={{ marginBottom: 0 }}>
                <Select<number>
                  id="fe-index"
                  value={index}
                  disabled={type === "year"}
                  onChange={(v) => setPeriod([year, v])}
                  options={periodOptions(t, type)}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t("entry.year")} htmlFor="fe-year" style={{ marginBottom: 0 }}>
                <InputNumber<number>
                  id="fe-year"
                  min={2000}
                  max={2100}
                  value={year}
                  onChange={(v) => v && setPeriod([v, index])}
                  style={{ width: "100%" }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "grid", label: t("entry.tab.grid"), children: <EntryGrid k={key} /> },
          ...(can("figure.approve")
            ? [
                {
                  key: "approvals",
                  label: t("entry.tab.approvals"),
                  children: (
                    <ApprovalBoard
                      k={key}
                      onOpen={(id) => {
                        setUnitId(id);
                        setTab("grid");
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function EntryGrid({ k }: { k: PeriodKey }) {
  const t = useFigureT();
  const periodText = usePeriodText();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const can = useCan();
  const grid = useQuery({ queryKey: figureKeys.grid(k), queryFn: () => figuresApi.grid(k) });
  const [values, setValues] = useState<Record<number, number | null>>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [unlockOpen, setUnlockOpen] = useState(false);

  // the values on screen start from the server's and are replaced when the grid changes
  useEffect(() => {
    if (grid.data) {
      setValues(Object.fromEntries(grid.data.rows.map((r) => [r.definition.id, r.value])));
      setProblems([]);
    }
  }, [grid.data]);

  const byId = useMemo(
    () => new Map((grid.data?.rows ?? []).map((r) => [r.definition.id, r.definition])),
    [grid.data],
  );
  const dirty = (grid.data?.rows ?? []).some((r) => (values[r.definition.id] ?? null) !== r.value);
  const name = (id: number) => {
    const d = byId.get(id);
    return d ? (t.lang === "en" ? d.nameEn || d.name : d.name) : `#${id}`;
  };

  const after = (g: Grid, text: string) => {
    client.setQueryData(figureKeys.grid(k), g);
    void client.invalidateQueries({ queryKey: ["figures", "approvals"] });
    void message.success(text);
  };

  const save = useMutation({
    mutationFn: (confirm: number[]) =>
      figuresApi.save(
        k,
        (grid.data?.rows ?? []).map((r) => ({
          definitionId: r.definition.id,
          value: values[r.definition.id] ?? null,
        })),
        confirm,
      ),
    onSuccess: (g) => after(g, t("entry.saved", { period: periodText(g.period) })),
    onError: (error, confirm) => {
      if (error instanceof ApiError && error.code === "figures_invalid") {
        setProblems((error.body.problems as Problem[] | undefined) ?? []);
        return;
      }
      if (error instanceof ApiError && error.code === "confirmation_required") {
        setProblems([]);
        const outliers = (error.body.outliers as Outlier[] | undefined) ?? [];
        modal.confirm({
          title: t("entry.confirmTitle"),
          width: 560,
          content: (
            <>
              <p>{t("entry.confirmIntro")}</p>
              <ul>
                {outliers.map((o) => (
                  <li key={o.definitionId}>
                    {t("entry.confirmLine", {
                      name: name(o.definitionId),
                      value: formatNumber(o.value),
                      mean: formatNumber(o.mean),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ),
          okText: t("entry.confirmOk"),
          onOk: () => save.mutate([...confirm, ...outliers.map((o) => o.definitionId)]),
        });
        return;
      }
      showError(error);
    },
  });
  const approve = useMutation({
    mutationFn: () => figuresApi.approve(k),
    onSuccess: (g) => after(g, t("entry.approved")),
    onError: showError,
  });

  if (grid.error) return <ProblemAlert error={grid.error} />;
  const g = grid.data;
  if (!g) return <Card loading />;
  const problemOf = new Map<number, string[]>();
  for (const p of problems)
    problemOf.set(p.definitionId, [...(problemOf.get(p.definitionId) ?? []), p.message[t.lang]]);

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {g.unit.name} — {periodText(g.period)}
          </Typography.Title>
          {g.locked ? (
            <Tag icon={<LockOutlined />} color="green">
              {t("entry.locked")}
            </Tag>
          ) : (
            <Tag color="blue">{t("entry.open")}</Tag>
          )}
          {dirty ? <Tag color="orange">{t("entry.dirty")}</Tag> : null}
        </Flex>
      }
      extra={
        <Flex gap={8} wrap>
          {g.abilities.enter && g.rows.length > 0 ? (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              onClick={() => save.mutate([])}
            >
              {t("entry.save")}
            </Button>
          ) : null}
          {g.abilities.approve ? (
            <Button
              icon={<CheckCircleOutlined />}
              loading={approve.isPending}
              disabled={dirty}
              onClick={() =>
                modal.confirm({
                  title: t("entry.approve"),
                  content: t("entry.approveConfirm", { unit: g.unit.name, period: periodText(g.period) }),
                  onOk: () => approve.mutateAsync(),
                })
              }
            >
              {t("entry.approve")}
            </Button>
          ) : null}
          {g.abilities.unlock ? (
            <Button icon={<UnlockOutlined />} onClick={() => setUnlockOpen(true)}>
              {t("entry.unlock")}
            </Button>
          ) : null}
        </Flex>
      }
    >
      {g.locked && g.approval ? (
        <Alert
          type="success"
          showIcon
          icon={<LockOutlined />}
          title={t("entry.lockedBy", { by: g.approval.by ?? "—", at: formatDateTime(g.approval.at) })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {!g.locked && !g.abilities.enter && g.rows.length > 0 ? (
        <Alert type="info" showIcon title={t("entry.readOnly")} style={{ marginBottom: 16 }} />
      ) : null}
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t("entry.invalid")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the same figure may break several rules
                <li key={i}>{p.message[t.lang]}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {g.rows.length === 0 ? (
        <Empty description={t("entry.noDefinitions")}>
          {can("figure.define") ? (
            <Link to="/nhap-so-lieu/chi-tieu">
              <Button>{t("entry.defineLink")}</Button>
            </Link>
          ) : null}
        </Empty>
      ) : (
        <Table<GridRow>
          rowKey={(r) => r.definition.id}
          dataSource={g.rows}
          pagination={false}
          scroll={{ x: 820 }}
          columns={[
            {
              title: t("entry.indicator"),
              key: "name",
              render: (_, r) => (
                <>
                  <label htmlFor={`fig-${r.definition.id}`} style={{ fontWeight: 500 }}>
                    {name(r.definition.id)}
                  </label>
                  {r.definition.groupName ? (
                    <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                      {r.definition.groupName}
                    </Typography.Text>
                  ) : null}
                </>
              ),
            },
            {
              title: t("entry.unitLabel"),
              key: "unit",
              width: 120,
              render: (_, r) => (t.lang === "en" ? r.definition.unitLabelEn : r.definition.unitLabel),
            },
            {
              title: t("entry.value"),
              key: "value",
              width: 200,
              render: (_, r) => {
                const errors = problemOf.get(r.definition.id);
                return (
                  <>
                    <InputNumber<number>
                      id={`fig-${r.definition.id}`}
                      value={values[r.definition.id] ?? null}
                      onChange={(v) => setValues((prev) => ({ ...prev, [r.definition.id]: v ?? null }))}
                      min={r.definition.minValue}
                      max={r.definition.maxValue ?? undefined}
                      precision={r.definition.integerOnly ? 0 : undefined}
                      decimalSeparator=","
                      disabled={!g.abilities.enter}
                      status={errors ? "error" : undefined}
                      aria-invalid={errors ? true : undefined}
                      aria-describedby={errors ? `fig-${r.definition.id}-err` : undefined}
                      style={{ width: "100%" }}
                    />
                    {errors ? (
                      <div
                        id={`fig-${r.definition.id}-err`}
                        style={{ color: "#cf1322", fontSize: 12, marginTop: 4 }}
                      >
                        {errors.join(" ")}
                      </div>
                    ) : null}
                    {r.confirmedOutlier ? (
                      <Tag color="gold" style={{ marginTop: 4 }}>
                        {t("entry.confirmedOutlier")}
                      </Tag>
                    ) : null}
                  </>
                );
              },
            },
            {
              title: t("entry.history"),
              key: "history",
              width: 170,
              align: "right",
              render: (_, r) =>
                r.history.mean == null
                  ? "—"
                  : t("entry.historyN", { mean: formatNumber(r.history.mean), n: r.history.count }),
            },
            {
              title: t("entry.entered"),
              key: "entered",
              width: 200,
              render: (_, r) =>
                r.enteredBy ? (
                  <>
                    <div>{r.enteredBy}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(r.enteredAt)}
                    </Typography.Text>
                  </>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      )}
      {g.rules.length ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
            {t("entry.rules")}
          </Typography.Title>
          <ul>
            {g.rules.map((r) => (
              <li key={r.id}>{r.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      {g.events.length ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
            {t("entry.events")}
          </Typography.Title>
          <Timeline
            items={g.events.map((e) => ({
              key: e.id,
              color: e.action === "approved" ? "green" : "orange",
              content: `${formatDateTime(e.at)} — ${t(`entry.event.${e.action}`)} — ${e.by ?? ""}${e.reason ? `: ${e.reason}` : ""}`,
            }))}
          />
        </>
      ) : null}
      <UnlockDialog
        open={unlockOpen}
        onClose={() => setUnlockOpen(false)}
        k={k}
        title={t("entry.unlockTitle", { unit: g.unit.name, period: periodText(g.period) })}
        onDone={(next) => after(next, t("entry.unlocked"))}
      />
    </Card>
  );
}

function UnlockDialog({
  open,
  onClose,
  k,
  title,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  k: PeriodKey;
  title: string;
  onDone: (g: Grid) => void;
}) {
  const t = useFigureT();
  const [form] = Form.useForm<{ reason: string }>();
  const unlock = useMutation({
    mutationFn: (reason: string) => figuresApi.unlock(k, reason),
    onSuccess: (g) => {
      onDone(g);
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={t("entry.unlock")}
      confirmLoading={unlock.isPending}
      onOk={() => form.validateFields().then((v) => unlock.mutate(v.reason.trim()))}
      destroyOnHidden
    >
      <ProblemAlert error={unlock.error} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t("entry.unlockReason")}
          rules={[{ required: true, whitespace: true, message: t("entry.unlockReasonRequired") }]}
        >
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ApprovalBoard({ k, onOpen }: { k: PeriodKey; onOpen: (unitId: number) => void }) {
  const t = useFigureT();
  const periodText = usePeriodText();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const board = useQuery({
    queryKey: figureKeys.approvals(k.unitId, k.periodType, k.periodStart),
    queryFn: () => figuresApi.approvals(k.unitId, k.periodType, k.periodStart),
  });
  const [unlockFor, setUnlockFor] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ["figures"] });
  const approve = useMutation({
    mutationFn: (unitId: number) => figuresApi.approve({ ...k, unitId }),
    onSuccess: () => {
      refresh();
      void message.success(t("entry.approved"));
    },
    onError: showError,
  });
  if (board.error) return <ProblemAlert error={board.error} />;
  const b = board.data;
  return (
    <Card loading={board.isLoading}>
      {b ? (
        <>
          <Typography.Paragraph>
            {t("approvals.intro", { period: periodText(b.period), unit: b.parent.name })}
          </Typography.Paragraph>
          <Table
            rowKey={(r) => r.unit.id}
            dataSource={b.items}
            pagination={b.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: t("approvals.empty") }}
            scroll={{ x: 720 }}
            columns={[
              {
                title: t("approvals.unit"),
                key: "unit",
                render: (_, r) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(r.unit.id)}>
                    {r.unit.name}
                  </Button>
                ),
              },
              {
                title: t("approvals.entered"),
                key: "entered",
                width: 150,
                render: (_, r) => t("approvals.enteredN", { n: r.entered, total: b.definitions }),
              },
              {
                title: t("approvals.status"),
                key: "status",
                width: 260,
                render: (_, r) =>
                  r.approved ? (
                    <>
                      <Tag icon={<LockOutlined />} color="green">
                        {t("approvals.approved")}
                      </Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.approvedBy} · {formatDateTime(r.approvedAt)}
                      </Typography.Text>
                    </>
                  ) : (
                    <Tag>{t("approvals.pending")}</Tag>
                  ),
              },
              {
                title: "",
                key: "actions",
                width: 200,
                render: (_, r) => (
                  <Flex gap={4}>
                    {r.abilities.approve ? (
                      <Button
                        size="small"
                        icon={<CheckCircleOutlined />}
                        onClick={() =>
                          modal.confirm({
                            title: t("entry.approve"),
                            content: t("entry.approveConfirm", {
                              unit: r.unit.name,
                              period: periodText(b.period),
                            }),
                            onOk: () => approve.mutateAsync(r.unit.id),
                          })
                        }
                      >
                        {t("entry.approve")}
                      </Button>
                    ) : null}
                    {r.abilities.unlock ? (
                      <Button
                        size="small"
                        icon={<UnlockOutlined />}
                        onClick={() => setUnlockFor({ id: r.unit.id, name: r.unit.name })}
                      >
                        {t("entry.unlock")}
                      </Button>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
          <UnlockDialog
            open={unlockFor != null}
            onClose={() => setUnlockFor(null)}
            k={{ ...k, unitId: unlockFor?.id ?? k.unitId }}
            title={t("entry.unlockTitle", { unit: unlockFor?.name ?? "", period: periodText(b.period) })}
            onDone={() => {
              refresh();
              void message.success(t("entry.unlocked"));
            }}
          />
        </>
      ) : null}
    </Card>
  );
}
