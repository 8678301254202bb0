import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Progress, Select, Space, Table } from "antd";
import { useEffect, useRef, useState } from "react";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { upload } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { type ImportJob, importUrl, movementApi, templateUrl } from "./api.ts";
import { useM } from "./shared.tsx";

const KINDS = ["activities", "pledges", "weapons", "models"] as const;

/** Import from the units' Excel sheets: template, upload progress, row-by-row check, all or nothing. */
export default function ImportPage() {
  const m = useM();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<(typeof KINDS)[number]>("activities");
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useQuery({
    queryKey: ["movement", "import", jobId],
    queryFn: () => movementApi.importJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => {
      const s = (q.state.data as ImportJob | undefined)?.status;
      return s === "done" || s === "failed" ? false : 700;
    },
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === "done") void client.invalidateQueries({ queryKey: ["movement"] });
  }, [status, client]);
  const start = async () => {
    if (!file) return;
    setError(null);
    setJobId(null);
    setPercent(0);
    try {
      const r = await upload<{ jobId: number }>(importUrl(kind), file, setPercent);
      setJobId(r.jobId);
    } catch (e) {
      setError(e);
      setPercent(null);
    }
  };
  const d = job.data;
  return (
    <>
      <PageHeader
        title={m("import.title")}
        breadcrumb={[{ title: m("menu.overview"), to: "/phong-trao" }, { title: m("import.title") }]}
      />
      <Card style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <label htmlFor="movement-import-kind">{m("import.kind")}</label>
            <Select
              id="movement-import-kind"
              value={kind}
              onChange={setKind}
              style={{ width: 240 }}
              options={KINDS.map((k) => ({ value: k, label: m(`import.kind.${k}`) }))}
            />
            <Button href={templateUrl(kind)}>{m("import.template")}</Button>
          </Space>
          <Space wrap>
            <label htmlFor="movement-import-file">{m("import.choose")}</label>
            <input
              id="movement-import-file"
              ref={input}
              type="file"
              accept=".xlsx,.csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <Button type="primary" disabled={!file} onClick={start}>
              {m("import.start")}
            </Button>
          </Space>
          {percent !== null && <Progress percent={percent} size="small" />}
          <ProblemAlert error={error} />
          {d && (d.status === "validating" || d.status === "importing") && (
            <>
              <div>{d.status === "validating" ? m("import.validating") : m("import.importing")}</div>
              <Progress percent={d.total ? Math.round((d.processed / d.total) * 100) : 0} />
            </>
          )}
          {d?.status === "done" && (
            <Alert type="success" showIcon title={m("import.done", { count: formatNumber(d.created) })} />
          )}
          {d?.status === "failed" && <Alert type="error" showIcon title={m("import.failed")} />}
        </Space>
      </Card>
      {d?.status === "failed" && d.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(r) => `${r.row}-${r.column}-${r.messages.vi}`}
          dataSource={d.errors}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: m("import.row"), dataIndex: "row", width: 70 },
            { title: m("import.column"), dataIndex: "column", width: 200 },
            { title: m("import.value"), dataIndex: "value", width: 160 },
            {
              title: m("import.message"),
              render: (_, r) => (m.lang === "en" ? r.messages.en : r.messages.vi),
            },
          ]}
        />
      )}
    </>
  );
}
