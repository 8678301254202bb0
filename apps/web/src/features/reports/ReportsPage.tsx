import {
  EditOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Row,
  Segmented,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan, useMe } from "../../lib/auth.ts";
import { formatDate, formatDateTime, todayIso } from "../../lib/format.ts";
import { useMessages } from "../../lib/i18n/index.tsx";
import { useShowError } from "../../lib/useApiError.ts";
import { type Generated, type Lineage, type ReportVersion, reportKeys, reportsApi } from "./api.ts";
import { reportsMessages } from "./messages.ts";
import { defaultChoice, fromSpec, type PeriodChoice, toSpec } from "./period.ts";
import { PeriodPicker } from "./widgets.tsx";

/**
 * Reports: generate a report for a unit and period from a template, list the saved versions of the unit's
 * subtree with their files (DOCX, XLSX, and PDF when the server has LibreOffice), and the templates.
 * `?unit=` and `?period=` preset the form (the dashboards link here).
 */
export default function ReportsPage() {
  const t = useMessages(reportsMessages);
  const me = useMe().data!;
  const can = useCan();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params] = useSearchParams();
  const [unitId, setUnitId] = useState<number>(Number(params.get("unit")) || me.actingUnit.id);
  const [choice, setChoice] = useState<PeriodChoice>(() =>
    fromSpec(params.get("period"), defaultChoice(todayIso())),
  );
  const [lineage, setLineage] = useState<Lineage>("current");
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [extra, setExtra] = useState({ number: "", signerName: "", signerPosition: "" });
  const [generated, setGenerated] = useState<Generated | null>(null);

  const templates = useQuery({ queryKey: reportKeys.templates, queryFn: reportsApi.templates });
  const active = (templates.data?.items ?? []).filter((x) => x.active);
  const chosenTemplate = templateId ?? active[0]?.id ?? null;
  const versions = useQuery({
    queryKey: reportKeys.versions(unitId),
    queryFn: () => reportsApi.versions(unitId),
  });
  const period = toSpec(choice);

  const generate = useMutation({
    mutationFn: () =>
      reportsApi.generate({
        templateId: chosenTemplate!,
        unitId,
        period: period!,
        lineage,
        number: extra.number.trim() || null,
        signerName: extra.signerName.trim() || null,
        signerPosition: extra.signerPosition.trim() || null,
      }),
    onSuccess: (g) => {
      setGenerated(g);
      void message.success(t("reports.generated", { title: g.title, version: g.version }));
      void client.invalidateQueries({ queryKey: ["reports", "versions"] });
    },
    onError: showError,
  });

  return (
    <>
      <PageHeader title={t("reports.title")} subtitle={t("reports.subtitle")} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          {can("report.generate") ? (
            <Card
              title={
                <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                  {t("reports.generateTitle")}
                </Typography.Title>
              }
              style={{ marginBottom: 16 }}
            >
              <Form layout="vertical" component="div">
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item label={t("reports.template")} htmlFor="rp-template" required>
                      <Select
                        id="rp-template"
                        value={chosenTemplate ?? undefined}
                        onChange={setTemplateId}
                        loading={templates.isLoading}
                        options={active.map((x) => ({ value: x.id, label: x.name }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label={t("reports.unit")} htmlFor="rp-unit" required>
                      <UnitPicker
                        id="rp-unit"
                        includeClosed
                        allowClear={false}
                        value={unitId}
                        onChange={(v) => v && setUnitId(v)}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label={t("reports.period")} htmlFor="rp-period" required>
                      <PeriodPicker id="rp-period" value={choice} onChange={setChoice} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label={t("analysis.lineage")} tooltip={t("analysis.lineageHelp")}>
                      <Segmented<Lineage>
                        value={lineage}
                        onChange={setLineage}
                        options={[
                          { value: "current", label: t("analysis.lineage.current") },
                          { value: "historical", label: t("analysis.lineage.historical") },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Collapse
                  ghost
                  size="small"
                  style={{ marginBottom: 12 }}
                  items={[
                    {
                      key: "more",
                      label: `${t("reports.number")}, ${t("reports.signerName").toLowerCase()}`,
                      children: (
                        <Row gutter={16}>
                          <Col xs={24} md={6}>
                            <Form.Item
                              label={t("reports.number")}
                              htmlFor="rp-number"
                              extra={t("reports.numberHelp")}
                            >
                              <Input
                                id="rp-number"
                                maxLength={20}
                                value={extra.number}
                                onChange={(e) => setExtra({ ...extra, number: e.target.value })}
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={9}>
                            <Form.Item label={t("reports.signerName")} htmlFor="rp-signer">
                              <Input
                                id="rp-signer"
                                maxLength={200}
                                placeholder={me.user.fullName}
                                value={extra.signerName}
                                onChange={(e) => setExtra({ ...extra, signerName: e.target.value })}
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={9}>
                            <Form.Item label={t("reports.signerPosition")} htmlFor="rp-position">
                              <Input
                                id="rp-position"
                                maxLength={200}
                                value={extra.signerPosition}
                                onChange={(e) => setExtra({ ...extra, signerPosition: e.target.value })}
                              />
                            </Form.Item>
                          </Col>
                        </Row>
                      ),
                    },
                  ]}
                />
                {!period ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={t("analysis.badPeriod")}
                    style={{ marginBottom: 12 }}
                  />
                ) : null}
                <Button
                  type="primary"
                  icon={<FileWordOutlined />}
                  disabled={!period || !chosenTemplate}
                  loading={generate.isPending}
                  onClick={() => generate.mutate()}
                >
                  {t("reports.generate")}
                </Button>
                <Typography.Text type="secondary" style={{ display: "block", marginTop: 8 }}>
                  {t("reports.frozen")}
                </Typography.Text>
              </Form>
              {generated ? (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginTop: 16 }}
                  title={t("reports.generated", { title: generated.title, version: generated.version })}
                  description={
                    <Flex gap={8} wrap align="center">
                      {generated.contained ? (
                        <span>{t("reports.containedCount", { n: generated.contained })}</span>
                      ) : null}
                      <FileButtons
                        id={generated.id}
                        files={{ docx: true, xlsx: generated.hasXlsx, pdf: pdfKnown(versions.data?.items) }}
                      />
                    </Flex>
                  }
                />
              ) : null}
            </Card>
          ) : null}
          <VersionsCard
            unitId={unitId}
            versions={versions.data?.items}
            loading={versions.isLoading}
            error={versions.error}
          />
        </Col>
        <Col xs={24} xl={9}>
          <TemplatesCard />
        </Col>
      </Row>
    </>
  );
}

/** Whether the server can make PDFs, as the versions list says (false until one is listed). */
const pdfKnown = (items: ReportVersion[] | undefined) => items?.[0]?.files.pdf ?? false;

function FileButtons({ id, files }: { id: number; files: ReportVersion["files"] }) {
  const t = useMessages(reportsMessages);
  return (
    <Flex gap={4} wrap>
      <Button size="small" icon={<FileWordOutlined />} href={reportsApi.fileUrl(id, "docx")} download>
        DOCX
      </Button>
      {files.xlsx ? (
        <Button size="small" icon={<FileExcelOutlined />} href={reportsApi.fileUrl(id, "xlsx")} download>
          XLSX
        </Button>
      ) : null}
      {files.pdf ? (
        <Button size="small" icon={<FilePdfOutlined />} href={reportsApi.fileUrl(id, "pdf")} download>
          PDF
        </Button>
      ) : (
        <Tooltip title={t("reports.pdfUnavailable")}>
          <Button
            size="small"
            icon={<FilePdfOutlined />}
            disabled
            aria-label={`PDF — ${t("reports.pdfUnavailable")}`}
          >
            PDF
          </Button>
        </Tooltip>
      )}
    </Flex>
  );
}

function VersionsCard({
  unitId,
  versions,
  loading,
  error,
}: {
  unitId: number;
  versions: ReportVersion[] | undefined;
  loading: boolean;
  error: unknown;
}) {
  const t = useMessages(reportsMessages);
  const unitName = versions?.find((v) => v.unit.id === unitId)?.unit.name;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {unitName ? t("reports.versionsOf", { unit: unitName }) : t("reports.versions")}
        </Typography.Title>
      }
    >
      <ProblemAlert error={error} />
      <Table<ReportVersion>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={versions ?? []}
        pagination={(versions?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t("reports.noVersions") }}
        scroll={{ x: 820 }}
        columns={[
          {
            title: t("reports.reportTitle"),
            key: "title",
            render: (_, v) => (
              <>
                <div>{v.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.unit.name} · {formatDate(v.period.from)} – {formatDate(v.period.to)}
                  {v.number ? ` · ${v.number}` : ""}
                </Typography.Text>
                {v.contained.length ? (
                  <div>
                    <Tag>{`${t("reports.contained")}: ${v.contained.length}`}</Tag>
                  </div>
                ) : null}
              </>
            ),
          },
          { title: t("reports.version"), dataIndex: "version", width: 70, align: "center" },
          {
            title: t("reports.generatedAt"),
            key: "at",
            width: 170,
            render: (_, v) => (
              <>
                <div>{formatDateTime(v.generatedAt)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.generatedBy}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t("reports.files"),
            key: "files",
            width: 230,
            render: (_, v) => <FileButtons id={v.id} files={v.files} />,
          },
        ]}
      />
    </Card>
  );
}

function TemplatesCard() {
  const t = useMessages(reportsMessages);
  const templates = useQuery({ queryKey: reportKeys.templates, queryFn: reportsApi.templates });
  const items = useMemo(() => templates.data?.items ?? [], [templates.data]);
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t("reports.templates")}
        </Typography.Title>
      }
      extra={
        templates.data?.abilities.create ? (
          <Link to="/bao-cao/mau/moi">
            <Button icon={<PlusOutlined />}>{t("reports.newTemplate")}</Button>
          </Link>
        ) : null
      }
    >
      <ProblemAlert error={templates.error} />
      {items.length === 0 && !templates.isLoading ? <Empty /> : null}
      <List
        loading={templates.isLoading}
        dataSource={items}
        renderItem={(x) => (
          <List.Item
            actions={
              x.abilities.update
                ? [
                    <Link
                      key="edit"
                      to={`/bao-cao/mau/${x.id}`}
                      aria-label={`${t("reports.editTemplate")}: ${x.name}`}
                    >
                      <EditOutlined /> {t("reports.editTemplate")}
                    </Link>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <>
                  {x.name} {!x.active ? <Tag>{t("reports.inactive")}</Tag> : null}
                </>
              }
              description={`${t(`reports.unitKind.${x.unitKind}`)} · ${x.docType} · ${t("reports.updatedAt")} ${formatDate(x.updatedAt)}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
