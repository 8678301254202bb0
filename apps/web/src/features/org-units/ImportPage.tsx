import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Progress, Result, Table, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { upload } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { type ImportJob, unitsApi } from "./api.ts";

const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Import units and areas from CSV/XLSX: upload progress, then the server's progress, then errors or the count. */
export default function ImportPage() {
  const t = useT();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<number | null>(null);

  const job = useQuery({
    queryKey: ["org-units", "import", jobId],
    queryFn: () => unitsApi.importJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => {
      const status = (q.state.data as ImportJob | undefined)?.status;
      return status === "done" || status === "failed" ? false : 700;
    },
  });
  const finished = job.data?.status === "done" || job.data?.status === "failed";
  const status = job.data?.status;
  useEffect(() => {
    if (status === "done") void client.invalidateQueries({ queryKey: ["org-units"], refetchType: "none" });
  }, [status, client]);

  const start = async () => {
    if (!file) return;
    setUploadError(null);
    setUploadPercent(0);
    try {
      const started = await upload<{ jobId: number }>("/api/v1/org-units/import", file, setUploadPercent);
      setJobId(started.jobId);
    } catch (e) {
      setUploadError(e);
      setUploadPercent(null);
    }
  };

  const reset = () => {
    setFile(null);
    setJobId(null);
    setUploadPercent(null);
    setUploadError(null);
    if (input.current) input.current.value = "";
  };

  const choose = (f: File | undefined) => {
    setFileError(null);
    if (!f) return setFile(null);
    if (!/\.(csv|xlsx)$/i.test(f.name)) {
      setFileError(t("import.wrongType"));
      return setFile(null);
    }
    setFile(f);
  };

  const data = job.data;
  const busy = uploadPercent !== null && !finished && !uploadError;

  return (
    <>
      <PageHeader
        title={t("import.title")}
        breadcrumb={[{ title: t("units.title"), to: "/don-vi" }, { title: t("import.title") }]}
      />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{t("import.intro")}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Button icon={<DownloadOutlined />} href="/api/v1/org-units/import/template.xlsx" download>
            {t("import.templateXlsx")}
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/v1/org-units/import/template.csv" download>
            {t("import.templateCsv")}
          </Button>
        </Flex>
        <Form layout="vertical" component="div">
          <Form.Item
            label={t("import.file")}
            htmlFor="import-file"
            validateStatus={fileError ? "error" : undefined}
            help={fileError ?? undefined}
          >
            <input
              ref={input}
              id="import-file"
              type="file"
              accept={ACCEPT}
              disabled={busy}
              onChange={(e) => choose(e.target.files?.[0])}
            />
          </Form.Item>
          <Flex gap={8}>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!file || busy}
              loading={busy}
              onClick={() => void start()}
            >
              {t("import.start")}
            </Button>
            {finished || uploadError ? <Button onClick={reset}>{t("import.again")}</Button> : null}
          </Flex>
        </Form>
      </Card>

      {uploadError ? <ProblemAlert error={uploadError} showFields /> : null}

      {uploadPercent !== null && !uploadError ? (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{file?.name}</h2>} style={{ marginBottom: 16 }}>
          <div style={{ marginBottom: 12 }}>
            <div id="upload-progress-label">{t("import.uploading")}</div>
            <Progress percent={uploadPercent} aria-labelledby="upload-progress-label" />
          </div>
          {data ? (
            <div>
              <div id="job-progress-label">
                {t(`import.status.${data.status}`)} —{" "}
                {t("import.progress", {
                  processed: formatNumber(data.processed),
                  total: formatNumber(data.total),
                })}
              </div>
              <Progress
                percent={finished ? 100 : data.total ? Math.floor((data.processed / data.total) * 100) : 0}
                status={
                  data.status === "failed" ? "exception" : data.status === "done" ? "success" : "active"
                }
                aria-labelledby="job-progress-label"
              />
            </div>
          ) : null}
          <ProblemAlert error={job.error} />
        </Card>
      ) : null}

      {data?.status === "done" ? (
        <Result status="success" title={t("import.success", { n: formatNumber(data.created) })} />
      ) : null}

      {data?.status === "failed" ? (
        <Card>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t("import.failed", { n: formatNumber(data.errors.length) })}
            style={{ marginBottom: 16 }}
          />
          <Table
            rowKey={(e) => `${e.row}-${e.column}-${e.messages.vi}`}
            size="small"
            dataSource={data.errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t("import.row"), dataIndex: "row", width: 80, align: "right" },
              { title: t("import.column"), dataIndex: "column", width: 180 },
              {
                title: t("import.value"),
                dataIndex: "value",
                width: 220,
                render: (v: string | null) => <code>{v}</code>,
              },
              {
                title: t("import.message"),
                dataIndex: "messages",
                render: (m: { vi: string; en: string }) => t(m),
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
