import { useQuery } from "@tanstack/react-query";
import { Table } from "antd";
import { Link } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { api } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { L } from "./messages.ts";

interface Reveal {
  id: number;
  at: string;
  actor: { id: number; name: string } | null;
  submissionId: number;
  unit: { id: number; name: string } | null;
  reason: string | null;
}

/** Who looked at an informant's identity, when and why (unit leadership and auditors). */
export default function RevealsPage() {
  const t = useT();
  const list = useQuery({
    queryKey: ["submissions", "reveals"],
    queryFn: () => api.get<{ items: Reveal[] }>("/api/v1/submissions/identity-reveals", { limit: 200 }),
  });
  return (
    <>
      <PageHeader title={t(L.reveals)} />
      {list.error && <ProblemAlert error={list.error} />}
      <Table<Reveal>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t(L.at), render: (_, r) => formatDateTime(r.at), width: 170 },
          { title: t(L.revealedBy), render: (_, r) => r.actor?.name ?? "" },
          {
            title: t(L.item),
            render: (_, r) => <Link to={`/tin-bao/${r.submissionId}`}>#{r.submissionId}</Link>,
          },
          { title: t(L.unit), render: (_, r) => r.unit?.name ?? "" },
          { title: t(L.reason), dataIndex: "reason" },
        ]}
      />
    </>
  );
}
