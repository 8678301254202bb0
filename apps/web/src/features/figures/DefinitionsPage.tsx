import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { formatNumber } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { FIGURE_PERIOD_TYPES } from "../reports/period.ts";
import {
  type Definition,
  type DefinitionInput,
  figureKeys,
  figuresApi,
  type Rule,
  type RuleInput,
} from "./api.ts";
import { figuresMessages } from "./messages.ts";

const OPS = [">=", "<=", "=", ">", "<"] as const;
const OP_LABEL: Record<(typeof OPS)[number], string> = { ">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<" };

/** The administrator's screen: figures units enter per period, and the rules that check them. */
export default function DefinitionsPage() {
  const t = useMessages(figuresMessages);
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const defs = useQuery({ queryKey: figureKeys.definitions, queryFn: figuresApi.definitions });
  const [editing, setEditing] = useState<Definition | "new" | null>(null);
  const [ruleOpen, setRuleOpen] = useState(false);
  const items = defs.data?.items ?? [];
  const name = (id: number) => {
    const d = items.find((x) => x.id === id);
    return d ? (t.lang === "en" ? d.nameEn : d.name) : `#${id}`;
  };
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["figures"] });
    void client.invalidateQueries({ queryKey: ["indicators"] });
  };
  const toggle = useMutation({
    mutationFn: (d: Definition) => figuresApi.updateDefinition(d.id, { active: !d.active }),
    onSuccess: () => {
      refresh();
      void message.success(t("def.updated"));
    },
    onError: showError,
  });
  const deleteRule = useMutation({
    mutationFn: (id: number) => figuresApi.deleteRule(id),
    onSuccess: () => {
      refresh();
      void message.success(t("rule.deleted"));
    },
    onError: showError,
  });

  return (
    <>
      <PageHeader
        title={t("def.title")}
        subtitle={t("def.subtitle")}
        extra={
          defs.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
              {t("def.add")}
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={defs.error} />
      <Card style={{ marginBottom: 16 }}>
        <Table<Definition>
          rowKey="id"
          loading={defs.isLoading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t("def.code"),
              dataIndex: "code",
              render: (c: string, d) => (
                <>
                  <code>{c}</code>
                  <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                    {d.indicator}
                  </Typography.Text>
                </>
              ),
            },
            { title: t("def.name"), key: "name", render: (_, d) => (t.lang === "en" ? d.nameEn : d.name) },
            {
              title: t("def.periodType"),
              dataIndex: "periodType",
              width: 110,
              render: (p: Definition["periodType"]) => t(`period.${p}`),
            },
            {
              title: t("def.unitLabel"),
              key: "unit",
              width: 110,
              render: (_, d) => (t.lang === "en" ? d.unitLabelEn : d.unitLabel),
            },
            {
              title: `${t("def.min")} – ${t("def.max")}`,
              key: "bounds",
              width: 140,
              render: (_, d) =>
                `${formatNumber(d.minValue)} – ${d.maxValue == null ? "∞" : formatNumber(d.maxValue)}`,
            },
            {
              title: t("def.outlier"),
              dataIndex: "outlierFactor",
              width: 110,
              align: "right",
              render: (v: number) => `×${formatNumber(v)}`,
            },
            {
              title: t("def.active"),
              key: "active",
              width: 100,
              render: (_, d) => (
                <Switch
                  size="small"
                  checked={d.active}
                  disabled={!d.abilities?.update}
                  loading={toggle.isPending && toggle.variables?.id === d.id}
                  onChange={() => toggle.mutate(d)}
                  aria-label={`${t("def.active")}: ${d.name}`}
                />
              ),
            },
            {
              title: "",
              key: "edit",
              width: 60,
              render: (_, d) =>
                d.abilities?.update ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(d)}
                    aria-label={`${t("def.edit")}: ${d.name}`}
                  />
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        title={t("rule.title")}
        extra={
          defs.data?.abilities.create ? (
            <Button icon={<PlusOutlined />} onClick={() => setRuleOpen(true)} disabled={items.length < 2}>
              {t("rule.add")}
            </Button>
          ) : null
        }
      >
        <Table<Rule>
          rowKey="id"
          dataSource={defs.data?.rules ?? []}
          pagination={false}
          locale={{ emptyText: t("rule.empty") }}
          columns={[
            {
              title: t("rule.title"),
              key: "rule",
              render: (_, r) => (
                <>
                  {name(r.leftId)} <Tag>{OP_LABEL[r.op]}</Tag> {name(r.rightId)}
                  {r.applies !== "always" ? (
                    <Typography.Text type="secondary"> ({t(`rule.applies.${r.applies}`)})</Typography.Text>
                  ) : null}
                </>
              ),
            },
            {
              title: t("rule.message"),
              key: "message",
              render: (_, r) => (t.lang === "en" ? r.messageEn || r.message : r.message),
            },
            {
              title: "",
              key: "delete",
              width: 60,
              render: (_, r) =>
                r.abilities?.delete ? (
                  <Popconfirm title={t("rule.deleteConfirm")} onConfirm={() => deleteRule.mutate(r.id)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("rule.delete")} />
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <DefinitionDialog
        editing={editing}
        onClose={() => setEditing(null)}
        onDone={(created) => {
          refresh();
          void message.success(created ? t("def.created") : t("def.updated"));
          setEditing(null);
        }}
      />
      <RuleDialog
        open={ruleOpen}
        definitions={items.filter((d) => d.active)}
        onClose={() => setRuleOpen(false)}
        onDone={() => {
          refresh();
          void message.success(t("rule.created"));
          setRuleOpen(false);
        }}
      />
    </>
  );
}

function DefinitionDialog({
  editing,
  onClose,
  onDone,
}: {
  editing: Definition | "new" | null;
  onClose: () => void;
  onDone: (created: boolean) => void;
}) {
  const t = useMessages(figuresMessages);
  const [form] = Form.useForm<DefinitionInput>();
  const isNew = editing === "new";
  const save = useMutation({
    mutationFn: (v: DefinitionInput) => {
      const body = {
        ...v,
        description: v.description || null,
        groupName: v.groupName || null,
        maxValue: v.maxValue ?? null,
      };
      if (isNew) return figuresApi.createDefinition(body);
      const { code: _c, periodType: _p, ...patch } = body;
      return figuresApi.updateDefinition((editing as Definition).id, patch);
    },
    onSuccess: () => onDone(isNew),
    onError: (e) => applyFieldErrors(form, e),
  });
  const initial: Partial<DefinitionInput> =
    editing && editing !== "new"
      ? editing
      : { periodType: "quarter", nature: "flow", minValue: 0, integerOnly: true, outlierFactor: 3, sort: 0 };
  return (
    <Modal
      open={editing != null}
      title={isNew ? t("def.add") : t("def.edit")}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
      width={760}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t("def.code")}
              extra={t("def.codeHelp")}
              rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,60}$/ }]}
            >
              <Input disabled={!isNew} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="periodType" label={t("def.periodType")} rules={[{ required: true }]}>
              <Select
                disabled={!isNew}
                options={FIGURE_PERIOD_TYPES.map((p) => ({ value: p, label: t(`period.${p}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="nature" label={t("def.nature")}>
              <Select
                popupMatchSelectWidth={false}
                options={[
                  { value: "flow", label: t("def.nature.flow") },
                  { value: "stock", label: t("def.nature.stock") },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t("def.name")}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t("def.nameEn")}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="unitLabel"
              label={t("def.unitLabel")}
              rules={[{ required: true, whitespace: true, max: 50 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="unitLabelEn"
              label={t("def.unitLabelEn")}
              rules={[{ required: true, whitespace: true, max: 50 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="groupName" label={t("def.group")}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item name="minValue" label={t("def.min")}>
              <InputNumber decimalSeparator="," style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item name="maxValue" label={t("def.max")}>
              <InputNumber decimalSeparator="," style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item name="outlierFactor" label={t("def.outlier")} tooltip={t("def.outlierHelp")}>
              <InputNumber min={0.1} max={100} step={0.5} decimalSeparator="," style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item name="sort" label={t("def.sort")}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item name="integerOnly" label={t("def.integer")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t("def.description")}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function RuleDialog({
  open,
  definitions,
  onClose,
  onDone,
}: {
  open: boolean;
  definitions: Definition[];
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useMessages(figuresMessages);
  const [form] = Form.useForm<RuleInput>();
  const save = useMutation({ mutationFn: (v: RuleInput) => figuresApi.createRule(v), onSuccess: onDone });
  const options = definitions.map((d) => ({
    value: d.id,
    label: `${t.lang === "en" ? d.nameEn : d.name} (${t(`period.${d.periodType}`)})`,
  }));
  return (
    <Modal
      open={open}
      title={t("rule.add")}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={{ op: ">=", applies: "always" }} preserve={false}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="leftId" label={t("rule.left")} rules={[{ required: true }]}>
              <Select options={options} showSearch={{ optionFilterProp: "label" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="op" label={t("rule.op")} rules={[{ required: true }]}>
              <Select options={OPS.map((o) => ({ value: o, label: OP_LABEL[o] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="rightId" label={t("rule.right")} rules={[{ required: true }]}>
              <Select options={options} showSearch={{ optionFilterProp: "label" }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="applies" label={t("rule.applies")}>
              <Select
                options={(["always", "left_positive", "right_positive"] as const).map((a) => ({
                  value: a,
                  label: t(`rule.applies.${a}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="message"
              label={t("rule.message")}
              rules={[{ required: true, whitespace: true, max: 500 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="messageEn"
              label={t("rule.messageEn")}
              rules={[{ required: true, whitespace: true, max: 500 }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
