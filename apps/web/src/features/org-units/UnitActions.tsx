import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from "antd";
import { useState } from "react";
import { DateInput } from "../../components/DateInputs.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { todayIso } from "../../lib/format.ts";
import { type MessageKey, useT } from "../../lib/i18n/index.tsx";
import { applyFieldErrors } from "../../lib/useApiError.ts";
import { ADMIN_TYPES, CHILD_KINDS, type UnitDetail, type UnitKind, unitsApi } from "./api.ts";
import { adminTypeLabel, kindLabel } from "./labels.ts";

export type UnitAction = "create" | "update" | "rename" | "close" | "merge" | "split" | "move";

export const ACTION_TITLES: Record<UnitAction, MessageKey> = {
  create: "unitAction.create",
  update: "unitAction.update",
  rename: "unitAction.rename",
  close: "unitAction.close",
  merge: "unitAction.merge",
  split: "unitAction.split",
  move: "unitAction.move",
};

type Unit = UnitDetail["unit"];

/** The kinds the user may create under this unit (from its abilities). */
export function creatableKinds(unit: Unit): UnitKind[] {
  return CHILD_KINDS[unit.kind].filter((k) =>
    k === "area"
      ? unit.abilities.addArea
      : k === "department"
        ? unit.abilities.addDepartment
        : unit.abilities.addUnit,
  );
}

/** Which actions the unit's abilities allow. */
export function allowedActions(unit: Unit): UnitAction[] {
  const a = unit.abilities;
  const out: UnitAction[] = [];
  if (creatableKinds(unit).length) out.push("create");
  if (a.update) out.push("update");
  if (a.rename) out.push("rename");
  if (a.move) out.push("move");
  if (a.merge) out.push("merge");
  if (a.split) out.push("split");
  if (a.close) out.push("close");
  return out;
}

function DecisionFields({ dateLabel = "unit.effectiveOn" }: { dateLabel?: MessageKey }) {
  const t = useT();
  return (
    <Row gutter={16}>
      <Col xs={24} sm={10}>
        <Form.Item
          name="effectiveOn"
          label={t(dateLabel)}
          rules={[
            { required: true, message: t("common.requiredSelect", { field: t(dateLabel).toLowerCase() }) },
          ]}
        >
          <DateInput />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item name="decisionRef" label={t("unit.decisionRef")} extra={t("unit.decisionRefHelp")}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function AdminTypeSelect({
  kind,
  id,
  value,
  onChange,
}: {
  kind: UnitKind;
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const t = useT();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={ADMIN_TYPES[kind].map((v) => ({ value: v, label: adminTypeLabel(t, v) }))}
    />
  );
}

const clean = <T extends Record<string, unknown>>(values: T): T =>
  Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ""),
  ) as T;

/** The dialog for one change to a unit; only offered when the unit's abilities allow it. */
export function UnitActionModal({
  unit,
  action,
  onClose,
}: {
  unit: Unit;
  action: UnitAction | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const kinds = creatableKinds(unit);
  const [kind, setKind] = useState<UnitKind | undefined>(kinds[0]);
  const [intoMode, setIntoMode] = useState<"existing" | "new">("existing");

  const run = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      switch (action) {
        case "create":
          return unitsApi.create(
            clean({
              parentId: unit.id,
              kind: v.kind as string,
              adminType: v.adminType as string,
              name: v.name as string,
              placeName: (v.placeName as string) || (v.name as string),
              code: v.code as string | undefined,
              validFrom: v.validFrom as string,
              isRemote: v.isRemote as boolean | undefined,
              isHotspot: v.isHotspot as boolean | undefined,
            }),
          );
        case "update":
          return unitsApi.patch(unit.id, {
            isRemote: !!v.isRemote,
            isHotspot: !!v.isHotspot,
            code: (v.code as string) || null,
          });
        case "rename":
          return unitsApi.rename(unit.id, clean(v) as never);
        case "close":
          return unitsApi.close(unit.id, clean(v) as never);
        case "move":
          return unitsApi.move(unit.id, clean(v) as never);
        case "merge": {
          const into =
            intoMode === "existing"
              ? { existingId: v.existingId as number }
              : { newUnit: clean(v.newUnit as Record<string, unknown>) as never };
          return unitsApi.merge(
            clean({
              fromIds: v.fromIds as number[],
              into,
              effectiveOn: v.effectiveOn,
              decisionRef: v.decisionRef,
            }) as never,
          );
        }
        case "split":
          return unitsApi.split(
            unit.id,
            clean({
              into: ((v.into as Array<Record<string, unknown>>) ?? []).map((u) =>
                clean({
                  ...u,
                  placeName: u.placeName || u.name,
                  share: typeof u.share === "number" ? u.share / 100 : undefined,
                }),
              ),
              effectiveOn: v.effectiveOn,
              decisionRef: v.decisionRef,
            }) as never,
          );
        default:
          return null;
      }
    },
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: ["org-units"] });
      const created = action === "create" && result && typeof result === "object" && "name" in result;
      void message.success(
        created ? t("unitAction.created", { name: String(result.name) }) : t("unitAction.done"),
      );
      form.resetFields();
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  if (!action) return null;
  const today = todayIso();
  const initial: Record<UnitAction, Record<string, unknown>> = {
    create: { kind: kinds[0], adminType: kinds[0] ? ADMIN_TYPES[kinds[0]][0] : undefined, validFrom: today },
    update: { isRemote: unit.isRemote, isHotspot: unit.isHotspot, code: unit.code },
    rename: { name: unit.name, placeName: unit.placeName, effectiveOn: today },
    close: { effectiveOn: today },
    move: { effectiveOn: today },
    merge: { fromIds: [unit.id], effectiveOn: today, newUnit: { adminType: ADMIN_TYPES[unit.kind][0] } },
    split: {
      effectiveOn: today,
      into: [
        { adminType: unit.adminType ?? ADMIN_TYPES[unit.kind][0] },
        { adminType: unit.adminType ?? ADMIN_TYPES[unit.kind][0] },
      ],
    },
  };
  const req = (key: MessageKey) => [
    { required: true, message: t("common.required", { field: t(key).toLowerCase() }) },
  ];

  return (
    <Modal
      open
      title={`${t(ACTION_TITLES[action])}: ${unit.name}`}
      onCancel={() => {
        run.reset();
        onClose();
      }}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      width={action === "split" || action === "merge" ? 760 : 560}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial[action]}
        onFinish={(v) => run.mutate(v)}
        requiredMark="optional"
        preserve={false}
      >
        <ProblemAlert error={run.error} />
        {action === "create" ? (
          <>
            <Form.Item name="kind" label={t("unit.kind")} rules={req("unit.kind")}>
              <Select
                options={kinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                onChange={(k: UnitKind) => {
                  setKind(k);
                  form.setFieldValue("adminType", ADMIN_TYPES[k][0]);
                }}
              />
            </Form.Item>
            {kind ? (
              <Form.Item name="adminType" label={t("unit.adminType")} rules={req("unit.adminType")}>
                <AdminTypeSelect kind={kind} />
              </Form.Item>
            ) : null}
            <Form.Item name="name" label={t("unit.name")} rules={req("unit.name")}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="placeName" label={t("unit.placeName")}>
              <Input maxLength={200} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="code" label={t("unit.code")}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="validFrom" label={t("unit.validFrom")} rules={req("unit.validFrom")}>
                  <DateInput />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="isRemote" label={t("unit.isRemote")} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="isHotspot" label={t("unit.isHotspot")} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}

        {action === "update" ? (
          <>
            <Form.Item name="code" label={t("unit.code")}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="isRemote" label={t("unit.isRemote")} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="isHotspot" label={t("unit.isHotspot")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        ) : null}

        {action === "rename" ? (
          <>
            <Form.Item name="name" label={t("unit.name")} rules={req("unit.name")}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="placeName" label={t("unit.placeName")} rules={req("unit.placeName")}>
              <Input maxLength={200} />
            </Form.Item>
            <DecisionFields />
            <Form.Item name="note" label={t("unit.note")}>
              <Input.TextArea maxLength={2000} rows={2} />
            </Form.Item>
          </>
        ) : null}

        {action === "close" ? (
          <>
            <Alert
              type="warning"
              showIcon
              title={t("unitAction.closeWarning")}
              style={{ marginBottom: 16 }}
            />
            <DecisionFields />
            <Form.Item name="note" label={t("unit.note")}>
              <Input.TextArea maxLength={2000} rows={2} />
            </Form.Item>
          </>
        ) : null}

        {action === "move" ? (
          <>
            <Form.Item
              name="newParentId"
              label={t("unitAction.newParent")}
              rules={req("unitAction.newParent")}
            >
              <UnitPicker />
            </Form.Item>
            <DecisionFields />
          </>
        ) : null}

        {action === "merge" ? (
          <>
            <Alert type="info" showIcon title={t("unitAction.mergeHint")} style={{ marginBottom: 16 }} />
            <Form.Item
              name="fromIds"
              label={t("unitAction.mergeSources")}
              rules={req("unitAction.mergeSources")}
            >
              <UnitPicker multiple selectableKinds={[unit.kind]} knownLabels={{ [unit.id]: unit.name }} />
            </Form.Item>
            <Form.Item label={t("unitAction.mergeInto")} required>
              <Radio.Group
                value={intoMode}
                onChange={(e) => setIntoMode(e.target.value)}
                options={[
                  { value: "existing", label: t("unitAction.mergeIntoExisting") },
                  { value: "new", label: t("unitAction.mergeIntoNew") },
                ]}
              />
            </Form.Item>
            {intoMode === "existing" ? (
              <Form.Item
                name="existingId"
                label={t("unitAction.mergeTarget")}
                rules={req("unitAction.mergeTarget")}
              >
                <UnitPicker selectableKinds={[unit.kind]} />
              </Form.Item>
            ) : (
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name={["newUnit", "name"]} label={t("unit.name")} rules={req("unit.name")}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={["newUnit", "placeName"]}
                    label={t("unit.placeName")}
                    rules={req("unit.placeName")}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={["newUnit", "adminType"]}
                    label={t("unit.adminType")}
                    rules={req("unit.adminType")}
                  >
                    <AdminTypeSelect kind={unit.kind} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={["newUnit", "code"]} label={t("unit.code")}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
              </Row>
            )}
            <DecisionFields />
          </>
        ) : null}

        {action === "split" ? (
          <>
            <Alert type="info" showIcon title={t("unitAction.splitHint")} style={{ marginBottom: 16 }} />
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontSize: 15, fontWeight: 600 }}>{t("unitAction.splitInto")}</legend>
              <Form.List name="into">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <Row gutter={8} key={field.key} align="top">
                        <Col xs={24} sm={7}>
                          <Form.Item
                            name={[field.name, "name"]}
                            label={`${t("unit.name")} ${index + 1}`}
                            rules={req("unit.name")}
                          >
                            <Input maxLength={200} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={6}>
                          <Form.Item
                            name={[field.name, "placeName"]}
                            label={`${t("unit.placeName")} ${index + 1}`}
                          >
                            <Input maxLength={200} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} sm={5}>
                          <Form.Item
                            name={[field.name, "adminType"]}
                            label={`${t("unit.adminType")} ${index + 1}`}
                            rules={req("unit.adminType")}
                          >
                            <AdminTypeSelect kind={unit.kind} />
                          </Form.Item>
                        </Col>
                        <Col xs={8} sm={4}>
                          <Form.Item
                            name={[field.name, "share"]}
                            label={`${t("unitAction.sharePercent")} ${index + 1}`}
                          >
                            <InputNumber min={1} max={100} style={{ width: "100%" }} />
                          </Form.Item>
                        </Col>
                        <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
                          {fields.length > 1 ? (
                            <Button
                              type="text"
                              icon={<MinusCircleOutlined />}
                              onClick={() => remove(field.name)}
                              aria-label={`${t("common.remove")} ${index + 1}`}
                            />
                          ) : null}
                        </Col>
                      </Row>
                    ))}
                    <Button
                      type="dashed"
                      onClick={() => add({ adminType: unit.adminType ?? ADMIN_TYPES[unit.kind][0] })}
                      icon={<PlusOutlined />}
                      style={{ marginBottom: 16 }}
                    >
                      {t("unitAction.splitAdd")}
                    </Button>
                  </>
                )}
              </Form.List>
            </fieldset>
            <DecisionFields />
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
