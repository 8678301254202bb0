import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Collapse,
  Dropdown,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Switch,
  Tag,
  Typography,
} from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { foldVietnamese } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { type Indicator, reportKeys, reportsApi, type TemplateInput, type TemplateSection } from "./api.ts";
import { reportsMessages } from "./messages.ts";
import { IndicatorPicker, moduleRank, useIndicators, useModuleLabel } from "./widgets.tsx";

type SectionKind = TemplateSection["kind"];
const SECTION_KINDS: SectionKind[] = ["heading", "paragraph", "bullet", "table", "contained_reports"];
const GENERAL = [
  "unit.name",
  "unit.place",
  "period.label",
  "period.last_year_label",
  "period.year",
  "period.last_year",
] as const;

const blank = (name: string): TemplateInput => ({
  name,
  unitKind: "any",
  docType: "Báo cáo",
  title: "",
  symbol: "BC",
  sections: [{ kind: "paragraph", text: "" }],
  recipients: ["Như trên", "Lưu: VT"],
  active: true,
});

let keyCounter = 0;
const newKey = () => {
  keyCounter += 1;
  return keyCounter;
};

const newSection = (kind: SectionKind): TemplateSection =>
  kind === "table"
    ? { kind, caption: "", codes: [] }
    : kind === "contained_reports"
      ? { kind }
      : { kind, text: "" };

/**
 * The template editor (administrators): title, sections of prose with placeholders, tables of indicators by
 * child unit, the list of contained reports, and the recipients. The side panel lists the placeholders from
 * the indicator catalogue; clicking one inserts it where the cursor was.
 */
export default function TemplateEditorPage() {
  const t = useMessages(reportsMessages);
  const { id } = useParams();
  const isNew = id === "moi";
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const templates = useQuery({ queryKey: reportKeys.templates, queryFn: reportsApi.templates });
  const existing = templates.data?.items.find((x) => String(x.id) === id);
  const [draft, setDraft] = useState<TemplateInput | null>(null);
  const [recipientsText, setRecipientsText] = useState("");
  const focus = useRef<{ index: number | "title"; caret: number } | null>(null);
  const [focusLabel, setFocusLabel] = useState<string | null>(null);
  // a stable key per section (sections have no id), kept in step with adds, moves and removals
  const keys = useRef<number[]>([]);

  useEffect(() => {
    if (draft) return;
    if (isNew) {
      const d = blank(t("tpl.newName"));
      keys.current = d.sections.map(newKey);
      setDraft(d);
      setRecipientsText(d.recipients.join("\n"));
    } else if (existing) {
      const { id: _id, updatedAt: _u, abilities: _a, ...input } = existing;
      keys.current = input.sections.map(newKey);
      setDraft(input);
      setRecipientsText(input.recipients.join("\n"));
    }
  }, [draft, isNew, existing, t]);

  const save = useMutation({
    mutationFn: (body: TemplateInput) =>
      isNew ? reportsApi.createTemplate(body) : reportsApi.updateTemplate(Number(id), body),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: reportKeys.templates });
      void message.success(isNew ? t("tpl.created") : t("tpl.saved"));
      if (isNew) navigate(`/bao-cao/mau/${saved.id}`, { replace: true });
    },
  });

  if (!isNew && templates.isSuccess && !existing)
    return <Result status="404" title="404" subTitle={t("tpl.notFound")} />;
  if (!draft) return <ProblemAlert error={templates.error} />;

  const setSection = (i: number, s: TemplateSection) =>
    setDraft({ ...draft, sections: draft.sections.map((x, j) => (j === i ? s : x)) });
  const move = (i: number, by: number) => {
    const next = [...draft.sections];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s);
    const [k] = keys.current.splice(i, 1);
    keys.current.splice(i + by, 0, k);
    setDraft({ ...draft, sections: next });
  };
  const insert = (placeholder: string) => {
    const f = focus.current;
    if (!f) {
      void message.info(t("tpl.noFocus"));
      return;
    }
    const token = `{${placeholder}}`;
    if (f.index === "title") {
      const text = draft.title;
      setDraft({ ...draft, title: text.slice(0, f.caret) + token + text.slice(f.caret) });
    } else {
      const s = draft.sections[f.index];
      if (!s || !("text" in s)) return;
      setSection(f.index, { ...s, text: s.text.slice(0, f.caret) + token + s.text.slice(f.caret) });
    }
    focus.current = { ...f, caret: f.caret + token.length };
  };
  const track =
    (index: number | "title", label: string) =>
    (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      focus.current = { index, caret: e.currentTarget.selectionStart ?? e.currentTarget.value.length };
      setFocusLabel(label);
    };

  const submit = () =>
    save.mutate({
      ...draft,
      recipients: recipientsText
        .split("\n")
        .map((r) => r.trim())
        .filter(Boolean),
    });

  return (
    <>
      <PageHeader
        title={isNew ? t("reports.newTemplate") : `${t("reports.editTemplate")}: ${draft.name}`}
        breadcrumb={[
          { title: t("reports.title"), to: "/bao-cao" },
          { title: isNew ? t("reports.newTemplate") : draft.name },
        ]}
        extra={
          <Button type="primary" onClick={submit} loading={save.isPending}>
            {t("tpl.save")}
          </Button>
        }
      />
      <ProblemAlert error={save.error} showFields />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card style={{ marginBottom: 16 }}>
            <Form layout="vertical" component="div">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item label={t("reports.templateName")} htmlFor="tpl-name" required>
                    <Input
                      id="tpl-name"
                      maxLength={200}
                      value={draft.name}
                      onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label={t("reports.unitKind")} htmlFor="tpl-kind">
                    <Select
                      id="tpl-kind"
                      value={draft.unitKind}
                      onChange={(unitKind) => setDraft({ ...draft, unitKind })}
                      options={(["any", "commune", "province", "ministry"] as const).map((k) => ({
                        value: k,
                        label: t(`reports.unitKind.${k}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label={t("tpl.active")} htmlFor="tpl-active">
                    <Switch
                      id="tpl-active"
                      checked={draft.active}
                      onChange={(active) => setDraft({ ...draft, active })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label={t("tpl.docType")} htmlFor="tpl-doctype" required>
                    <Input
                      id="tpl-doctype"
                      maxLength={50}
                      value={draft.docType}
                      onChange={(e) => setDraft({ ...draft, docType: e.target.value })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    label={t("tpl.symbol")}
                    htmlFor="tpl-symbol"
                    required
                    tooltip={t("tpl.symbolHelp")}
                  >
                    <Input
                      id="tpl-symbol"
                      maxLength={30}
                      value={draft.symbol}
                      onChange={(e) => setDraft({ ...draft, symbol: e.target.value })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t("tpl.title")} htmlFor="tpl-title" required>
                    <Input
                      id="tpl-title"
                      maxLength={500}
                      value={draft.title}
                      onChange={(e) => {
                        setDraft({ ...draft, title: e.target.value });
                        track("title", t("tpl.title"))(e);
                      }}
                      onSelect={track("title", t("tpl.title"))}
                      onFocus={track("title", t("tpl.title"))}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          </Card>
          <Card
            title={t("tpl.sections")}
            style={{ marginBottom: 16 }}
            extra={
              <Dropdown
                menu={{
                  items: SECTION_KINDS.map((k) => ({ key: k, label: t(`tpl.section.${k}`) })),
                  onClick: ({ key }) => {
                    keys.current.push(newKey());
                    setDraft({ ...draft, sections: [...draft.sections, newSection(key as SectionKind)] });
                  },
                }}
              >
                <Button icon={<PlusOutlined />}>{t("tpl.addSection")}</Button>
              </Dropdown>
            }
          >
            {draft.sections.length === 0 ? <Empty description={t("tpl.noSection")} /> : null}
            <Flex vertical gap={12}>
              {draft.sections.map((s, i) => {
                const name = `${i + 1}. ${t(`tpl.section.${s.kind}`)}`;
                return (
                  <Card
                    key={keys.current[i]}
                    size="small"
                    type="inner"
                    title={name}
                    extra={
                      <Flex gap={4}>
                        <Select<SectionKind>
                          size="small"
                          aria-label={`${name}: ${t("tpl.sections")}`}
                          value={s.kind}
                          onChange={(k) =>
                            setSection(
                              i,
                              "text" in s && k !== "table" && k !== "contained_reports"
                                ? { kind: k, text: s.text }
                                : newSection(k),
                            )
                          }
                          options={SECTION_KINDS.map((k) => ({ value: k, label: t(`tpl.section.${k}`) }))}
                          style={{ width: 200 }}
                          popupMatchSelectWidth={false}
                        />
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                          aria-label={`${t("tpl.moveUp")}: ${name}`}
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={i === draft.sections.length - 1}
                          onClick={() => move(i, 1)}
                          aria-label={`${t("tpl.moveDown")}: ${name}`}
                        />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => {
                            keys.current.splice(i, 1);
                            setDraft({ ...draft, sections: draft.sections.filter((_, j) => j !== i) });
                          }}
                          aria-label={`${t("tpl.removeSection")}: ${name}`}
                        />
                      </Flex>
                    }
                  >
                    {"text" in s ? (
                      <Input.TextArea
                        aria-label={`${name}: ${t("tpl.sectionText")}`}
                        value={s.text}
                        maxLength={5000}
                        autoSize={{ minRows: s.kind === "paragraph" ? 3 : 1, maxRows: 12 }}
                        onChange={(e) => {
                          setSection(i, { ...s, text: e.target.value });
                          track(i, name)(e);
                        }}
                        onSelect={track(i, name)}
                        onFocus={track(i, name)}
                        style={s.kind === "heading" ? { fontWeight: 600 } : undefined}
                      />
                    ) : s.kind === "table" ? (
                      <Form layout="vertical" component="div">
                        <Form.Item label={t("tpl.caption")} style={{ marginBottom: 8 }}>
                          <Input
                            aria-label={`${name}: ${t("tpl.caption")}`}
                            maxLength={300}
                            value={s.caption}
                            onChange={(e) => setSection(i, { ...s, caption: e.target.value })}
                          />
                        </Form.Item>
                        <Form.Item label={t("tpl.tableCodes")} style={{ marginBottom: 0 }}>
                          <IndicatorPicker
                            value={s.codes}
                            onChange={(codes) => setSection(i, { ...s, codes: codes.slice(0, 30) })}
                          />
                        </Form.Item>
                      </Form>
                    ) : (
                      <Typography.Text type="secondary">{t("tpl.containedHelp")}</Typography.Text>
                    )}
                  </Card>
                );
              })}
            </Flex>
          </Card>
          <Card title={t("tpl.recipients")}>
            <Input.TextArea
              aria-label={t("tpl.recipients")}
              value={recipientsText}
              autoSize={{ minRows: 3, maxRows: 10 }}
              onChange={(e) => setRecipientsText(e.target.value)}
            />
            <Typography.Text type="secondary">{t("tpl.recipientsHelp")}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <PlaceholderPanel onInsert={insert} target={focusLabel} />
        </Col>
      </Row>
    </>
  );
}

/** The placeholders a template may use: general ones and every indicator of the catalogue, by module. */
function PlaceholderPanel({
  onInsert,
  target,
}: {
  onInsert: (placeholder: string) => void;
  target: string | null;
}) {
  const t = useMessages(reportsMessages);
  const moduleLabel = useModuleLabel();
  const catalogue = useIndicators();
  const [search, setSearch] = useState("");
  const q = foldVietnamese(search.trim());
  const groups = useMemo(() => {
    const map = new Map<string, Indicator[]>();
    for (const i of catalogue.data?.items ?? []) {
      if (q && !foldVietnamese(`${i.label.vi} ${i.label.en} ${i.code}`).includes(q)) continue;
      map.set(i.module, [...(map.get(i.module) ?? []), i]);
    }
    return [...map].sort(([a], [b]) => moduleRank(a) - moduleRank(b) || a.localeCompare(b));
  }, [catalogue.data, q]);
  const chip = (code: string, title: string) => (
    <Tag
      key={code}
      style={{ cursor: "pointer", marginBottom: 6, whiteSpace: "normal" }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onInsert(code)}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onInsert(code);
        }
      }}
      title={title}
    >
      <code>{`{${code}}`}</code> {title}
    </Tag>
  );
  return (
    <Card title={t("tpl.placeholders")} style={{ position: "sticky", top: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t("tpl.placeholdersHelp")}
      </Typography.Paragraph>
      {target ? (
        <Typography.Paragraph strong style={{ fontSize: 13 }}>
          {t("tpl.insertInto", { section: target })}
        </Typography.Paragraph>
      ) : null}
      <Input.Search
        aria-label={t("tpl.placeholderSearch")}
        placeholder={t("tpl.placeholderSearch")}
        allowClear
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      <div style={{ maxHeight: "60vh", overflow: "auto" }}>
        <Collapse
          size="small"
          defaultActiveKey={["general"]}
          items={[
            {
              key: "general",
              label: t("tpl.general"),
              children: GENERAL.map((g) => chip(g, t(`tpl.ph.${g}`))),
            },
            ...groups.map(([module, items]) => ({
              key: module,
              label: `${moduleLabel(module)} (${items.length})`,
              children: items.map((i) =>
                chip(i.code, t.lang === "en" ? i.label.en || i.label.vi : i.label.vi),
              ),
            })),
          ]}
        />
      </div>
    </Card>
  );
}
