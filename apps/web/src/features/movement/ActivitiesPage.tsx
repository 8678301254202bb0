import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Badge,
  Button,
  Calendar,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan } from "../../lib/auth.ts";
import { formatDate, formatNumber, todayIso } from "../../lib/format.ts";
import { applyFieldErrors, useShowError } from "../../lib/useApiError.ts";
import { ActivityFields, type ActivityValues, cleanValues } from "./ActivityForm.tsx";
import { Attachments } from "./Attachments.tsx";
import { type Activity, movementApi } from "./api.ts";
import { DemoTag, Results, UnitBar, useKinds, useM, useUnitParam } from "./shared.tsx";

/** Activities of a unit: list with filters (cursor pages) or calendar; record, copy, bulk-enter a week of patrols. */
export default function ActivitiesPage() {
  const m = useM();
  const can = useCan();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [unitId, setUnitId] = useUnitParam();
  const kinds = useKinds();
  const [kind, setKind] = useState<string | undefined>();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [view, setView] = useState<"list" | "calendar">("list");
  const [month, setMonth] = useState(dayjs());
  const [editing, setEditing] = useState<"new" | "bulk" | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [editForm] = Form.useForm<ActivityValues>();
  const editKind = Form.useWatch("kind", editForm);
  const detail = useQuery({
    queryKey: ["movement", "activity", openId],
    queryFn: () => movementApi.activity(openId as number),
    enabled: openId != null,
  });
  const [form] = Form.useForm<ActivityValues>();
  const [bulkForm] = Form.useForm();
  const chosenKind = Form.useWatch("kind", form);

  const list = useInfiniteQuery({
    queryKey: ["movement", "activities", unitId, kind, from, to],
    queryFn: ({ pageParam }) =>
      movementApi.activities({ unitId: unitId ?? undefined, kind, from, to, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!unitId && view === "list",
  });
  const calendar = useQuery({
    queryKey: ["movement", "calendar", unitId, month.format("YYYY-MM")],
    queryFn: () =>
      movementApi.calendar({
        unitId: unitId ?? undefined,
        from: month.startOf("month").format("YYYY-MM-DD"),
        to: month.endOf("month").format("YYYY-MM-DD"),
      }),
    enabled: !!unitId && view === "calendar",
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["movement"] });

  const create = useMutation({
    mutationFn: (v: ActivityValues) => movementApi.createActivity(cleanValues(v)),
    onSuccess: () => {
      message.success(m("activities.created"));
      setEditing(null);
      form.resetFields();
      void refresh();
    },
    onError: (e) => applyFieldErrors(form, e) || showError(e),
  });
  const update = useMutation({
    mutationFn: (v: ActivityValues) => {
      const a = detail.data as Activity;
      // PUT replaces the record: keep what the form does not show
      return movementApi.updateActivity(a.id, {
        ...cleanValues(v),
        areaId: a.area?.id ?? null,
        officerIds: a.officers.map((o) => o.id),
        modelId: a.model?.id ?? null,
      });
    },
    onSuccess: () => {
      message.success(m("common.saved"));
      setOpenId(null);
      void refresh();
    },
    onError: (e) => applyFieldErrors(editForm, e) || showError(e),
  });
  const bulk = useMutation({
    mutationFn: (v: {
      unitId: number;
      title: string;
      weekStart: string;
      days: number[];
      hours?: string;
      people?: string;
    }) =>
      movementApi.bulkActivities({
        unitId: v.unitId,
        kind: "patrol",
        title: v.title,
        entries: v.days.map((d) => ({
          occurredOn: dayjs(v.weekStart).add(d, "day").format("YYYY-MM-DD"),
          results: {
            ...(v.hours && { patrolHours: Number(v.hours) }),
            ...(v.people && { attendance: Number(v.people) }),
          },
        })),
      }),
    onSuccess: (r) => {
      message.success(m("activities.bulkCreated", { count: r.created }));
      setEditing(null);
      void refresh();
    },
    onError: showError,
  });
  const copy = useMutation({
    mutationFn: ({ id, on }: { id: number; on: string }) => movementApi.copyActivity(id, on),
    onSuccess: () => {
      message.success(m("common.saved"));
      void refresh();
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: movementApi.deleteActivity,
    onSuccess: refresh,
    onError: showError,
  });
  const fieldsOf = (code: string) => kinds.data?.items.find((k) => k.code === code)?.resultFields;
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={m("activities.title")}
        breadcrumb={[{ title: m("menu.overview"), to: "/phong-trao" }, { title: m("activities.title") }]}
        extra={
          can("movement.record") && (
            <>
              <Button
                type="primary"
                onClick={() => {
                  form.setFieldsValue({ unitId: unitId ?? undefined, occurredOn: todayIso() } as never);
                  setEditing("new");
                }}
              >
                {m("activities.new")}
              </Button>
              <Button
                onClick={() => {
                  bulkForm.setFieldsValue({
                    unitId,
                    title: "Tuần tra, kiểm soát bảo đảm ANTT",
                    days: [0, 1, 2, 3, 4, 5, 6],
                  });
                  setEditing("bulk");
                }}
              >
                {m("activities.bulk")}
              </Button>
            </>
          )
        }
      />
      <UnitBar unitId={unitId} onChange={setUnitId} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={view}
          onChange={(v) => setView(v as "list" | "calendar")}
          options={[
            { value: "list", label: m("activities.list") },
            { value: "calendar", label: m("activities.calendar") },
          ]}
        />
        <Select
          allowClear
          aria-label={m("activities.kind")}
          placeholder={m("activities.kind")}
          style={{ width: 280 }}
          value={kind}
          onChange={setKind}
          options={kinds.data?.items.map((k) => ({
            value: k.code,
            label: m.lang === "en" ? k.nameEn : k.name,
          }))}
        />
        <span style={{ width: 160, display: "inline-block" }}>
          <DateInput value={from} onChange={setFrom} placeholder={m("common.from")} />
        </span>
        <span style={{ width: 160, display: "inline-block" }}>
          <DateInput value={to} onChange={setTo} placeholder={m("common.to")} />
        </span>
      </Space>
      <ProblemAlert error={list.error ?? calendar.error} />
      {view === "list" ? (
        <>
          <Table<Activity>
            rowKey="id"
            size="small"
            loading={list.isLoading}
            dataSource={rows}
            pagination={false}
            columns={[
              { title: m("common.date"), dataIndex: "occurredOn", width: 110, render: formatDate },
              { title: m("common.kind"), render: (_, r) => r.kind.name, width: 220 },
              {
                title: m("common.title"),
                render: (_, r) => (
                  <>
                    {r.title} <DemoTag show={r.isDemo} />
                  </>
                ),
              },
              {
                title: m("common.unit"),
                render: (_, r) => (r.area ? `${r.unit.name} — ${r.area.name}` : r.unit.name),
              },
              {
                title: m("activities.participants"),
                dataIndex: "participants",
                align: "right",
                render: (v) => formatNumber(v),
              },
              {
                title: m("activities.results"),
                render: (_, r) => <Results results={r.results} fields={fieldsOf(r.kind.code)} />,
              },
              {
                title: m("common.actions"),
                width: 260,
                render: (_, r) => (
                  <Space>
                    <Button size="small" onClick={() => setOpenId(r.id)}>
                      {r.abilities.update ? m("common.edit") : m("activities.detail")}
                    </Button>
                    {r.abilities.copy && (
                      <>
                        <Button
                          size="small"
                          onClick={() => copy.mutate({ id: r.id, on: todayIso() })}
                          title={m("activities.copyTo")}
                        >
                          {m("activities.copy")}
                        </Button>
                        <Popconfirm
                          title={m("activities.deleteConfirm")}
                          onConfirm={() => remove.mutate(r.id)}
                        >
                          <Button size="small" danger>
                            {m("activities.delete")}
                          </Button>
                        </Popconfirm>
                      </>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          {list.hasNextPage && (
            <Button
              style={{ marginTop: 12 }}
              onClick={() => list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              {m("common.more")}
            </Button>
          )}
        </>
      ) : (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d) => setMonth(d)}
          cellRender={(d, info) => {
            if (info.type !== "date") return null;
            const day = calendar.data?.days.find((x) => x.date === d.format("YYYY-MM-DD"));
            if (!day) return null;
            return (
              <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {Object.entries(day.kinds).map(([k, n]) => (
                  <li key={k}>
                    <Badge
                      status="processing"
                      text={`${kinds.data?.items.find((x) => x.code === k)?.name ?? k}: ${n}`}
                    />
                  </li>
                ))}
              </ul>
            );
          }}
        />
      )}
      <Modal
        open={editing === "new"}
        title={m("activities.new")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={m("common.save")}
        cancelText={m("common.cancel")}
        confirmLoading={create.isPending}
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <ActivityFields kinds={kinds.data?.items ?? []} kind={chosenKind} />
        </Form>
      </Modal>
      <Modal
        open={openId != null}
        title={
          detail.data?.abilities.update
            ? m("activities.edit")
            : (detail.data?.title ?? m("activities.detail"))
        }
        onCancel={() => setOpenId(null)}
        onOk={() => (detail.data?.abilities.update ? editForm.submit() : setOpenId(null))}
        okText={detail.data?.abilities.update ? m("common.save") : "OK"}
        cancelText={m("common.cancel")}
        confirmLoading={update.isPending}
        okButtonProps={{ disabled: !detail.data }}
        width={720}
        destroyOnHidden
      >
        <ProblemAlert error={detail.error} />
        {detail.data && detail.data.id === openId && (
          <>
            {detail.data.abilities.update ? (
              <Form
                form={editForm}
                layout="vertical"
                onFinish={(v) => update.mutate(v)}
                initialValues={{
                  kind: detail.data.kind.code,
                  unitId: detail.data.unit.id,
                  occurredOn: detail.data.occurredOn,
                  startsAt: detail.data.startsAt?.slice(0, 5) ?? undefined,
                  endsAt: detail.data.endsAt?.slice(0, 5) ?? undefined,
                  title: detail.data.title,
                  organiser: detail.data.organiser ?? undefined,
                  partners: detail.data.partners,
                  programme: detail.data.programme ?? undefined,
                  narrative: detail.data.narrative ?? undefined,
                  results: detail.data.results,
                }}
              >
                <ActivityFields kinds={kinds.data?.items ?? []} kind={editKind ?? detail.data.kind.code} />
              </Form>
            ) : (
              <p>
                {formatDate(detail.data.occurredOn)} — {detail.data.kind.name} — {detail.data.unit.name}
                {detail.data.narrative && (
                  <>
                    <br />
                    {detail.data.narrative}
                  </>
                )}
              </p>
            )}
            <Attachments
              owner="activities"
              ownerId={detail.data.id}
              items={detail.data.attachments}
              canEdit={!!detail.data.abilities.update}
            />
          </>
        )}
      </Modal>
      <Modal
        open={editing === "bulk"}
        title={m("activities.bulk")}
        onCancel={() => setEditing(null)}
        onOk={() => bulkForm.submit()}
        okText={m("common.save")}
        cancelText={m("common.cancel")}
        confirmLoading={bulk.isPending}
        destroyOnHidden
      >
        <Form form={bulkForm} layout="vertical" onFinish={(v) => bulk.mutate(v)}>
          <Form.Item name="unitId" label={m("common.unit")} rules={[{ required: true }]}>
            <UnitPickerInline />
          </Form.Item>
          <Form.Item name="title" label={m("activities.name")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="weekStart" label={m("activities.weekStart")} rules={[{ required: true }]}>
            <DateInput />
          </Form.Item>
          <Form.Item name="days" label={m("activities.days")} rules={[{ required: true }]}>
            <Checkbox.Group
              options={["T2", "T3", "T4", "T5", "T6", "T7", "CN"].map((l, i) => ({ label: l, value: i }))}
            />
          </Form.Item>
          <Form.Item name="hours" label="Số giờ tuần tra mỗi buổi">
            <Input type="number" min={0} />
          </Form.Item>
          <Form.Item name="people" label="Số người tham gia mỗi buổi">
            <Input type="number" min={0} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function UnitPickerInline(props: { value?: number | null; onChange?: (v: number | null) => void }) {
  return (
    <UnitPicker
      {...props}
      includeClosed
      selectableKinds={["province", "department", "district", "commune"]}
    />
  );
}
