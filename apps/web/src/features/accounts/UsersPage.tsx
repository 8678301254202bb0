import { PlusOutlined } from "@ant-design/icons";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Card, Col, Flex, Form, Input, Row, Select, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { UnitPicker } from "../../components/UnitPicker.tsx";
import { useCan } from "../../lib/auth.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { type User, type UserFilters, userKeys, usersApi } from "./api.ts";
import { useRoleLabel, useRoleOptions } from "./roles.ts";

export function StatusTag({ user }: { user: Pick<User, "status" | "lockedUntil"> }) {
  const t = useT();
  const locked = user.lockedUntil && Date.parse(user.lockedUntil) > Date.now();
  return (
    <>
      <Tag color={user.status === "active" ? "green" : "default"}>{t(`users.status.${user.status}`)}</Tag>
      {locked ? (
        <Tag color="orange">{t("users.locked", { time: formatDateTime(user.lockedUntil) })}</Tag>
      ) : null}
    </>
  );
}

/** Accounts in the user's scope: search, filters and "load more". */
export default function UsersPage() {
  const t = useT();
  const can = useCan();
  const roleLabel = useRoleLabel();
  const roleOptions = useRoleOptions();
  const [text, setText] = useState("");
  const [filters, setFilters] = useState<UserFilters>({});

  useEffect(() => {
    const handle = setTimeout(() => setFilters((f) => ({ ...f, q: text.trim() || undefined })), 300);
    return () => clearTimeout(handle);
  }, [text]);

  const list = useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam }) => usersApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t("users.title")}
        extra={
          can("user.manage") ? (
            <Link to="/tai-khoan/moi">
              <Button type="primary" icon={<PlusOutlined />}>
                {t("users.create")}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label={t("users.search")} htmlFor="users-q" style={{ marginBottom: 8 }}>
                <Input
                  id="users-q"
                  type="search"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  allowClear
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item label={t("users.unit")} htmlFor="users-unit" style={{ marginBottom: 8 }}>
                <UnitPicker
                  id="users-unit"
                  value={filters.unitId ?? null}
                  onChange={(v) => setFilters((f) => ({ ...f, unitId: v }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t("users.role")} htmlFor="users-role" style={{ marginBottom: 8 }}>
                <Select
                  id="users-role"
                  allowClear
                  placeholder={t("common.all")}
                  value={filters.role ?? undefined}
                  onChange={(v) => setFilters((f) => ({ ...f, role: v ?? null }))}
                  options={roleOptions}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t("users.status")} htmlFor="users-status" style={{ marginBottom: 8 }}>
                <Select
                  id="users-status"
                  allowClear
                  placeholder={t("common.all")}
                  value={filters.status ?? undefined}
                  onChange={(v) => setFilters((f) => ({ ...f, status: v ?? null }))}
                  options={[
                    { value: "active", label: t("users.status.active") },
                    { value: "disabled", label: t("users.status.disabled") },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <ProblemAlert error={list.error} />
      <Table<User>
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("common.noData") }}
        columns={[
          {
            title: t("users.fullName"),
            dataIndex: "fullName",
            render: (name: string, u) => <Link to={`/tai-khoan/${u.id}`}>{name}</Link>,
          },
          { title: t("users.username"), dataIndex: "username" },
          { title: t("users.unit"), dataIndex: ["unit", "name"] },
          {
            title: t("users.grants"),
            dataIndex: "grants",
            render: (grants: User["grants"]) =>
              grants.map((g) => (
                <Tag key={g.id} title={g.unitName}>
                  {roleLabel(g.role)}
                </Tag>
              )),
          },
          { title: t("users.status"), key: "status", render: (_, u) => <StatusTag user={u} /> },
          {
            title: t("users.lastSeen"),
            dataIndex: "lastSeenAt",
            render: (v: string | null) => formatDateTime(v),
          },
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {t("users.loaded", { n: formatNumber(rows.length) })}
        </Typography.Text>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("common.loadMore")}
          </Button>
        ) : null}
      </Flex>
    </>
  );
}
