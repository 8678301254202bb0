import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Row,
  Spin,
  Switch,
  Tag,
  Tree,
  Typography,
} from "antd";
import type { DataNode, EventDataNode } from "antd/es/tree";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { DateInput } from "../../components/DateInputs.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useCan } from "../../lib/auth.ts";
import { formatDate, formatNumber, todayIso } from "../../lib/format.ts";
import { useT } from "../../lib/i18n/index.tsx";
import { type ChildrenQuery, type UnitSearchHit, type UnitSummary, unitKeys, unitsApi } from "./api.ts";
import { adminTypeLabel, isClosed, kindLabel } from "./labels.ts";

type TreeRef = {
  scrollTo: (o: { key: React.Key; align?: "top" | "bottom" | "auto"; offset?: number }) => void;
};

function UnitTitle({ unit, asOf }: { unit: UnitSummary; asOf: string }) {
  const t = useT();
  const closed = isClosed(unit, asOf);
  return (
    <span>
      <span style={closed ? { color: "#8c8c8c" } : undefined}>{unit.name}</span>
      {unit.childCount > 0 ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          ({formatNumber(unit.childCount)})
        </Typography.Text>
      ) : null}
      {closed ? (
        <Tag style={{ marginInlineStart: 6 }} color="default">
          {t("units.closed")}
        </Tag>
      ) : null}
    </span>
  );
}

function SelectedUnit({ id }: { id: number }) {
  const t = useT();
  const detail = useQuery({ queryKey: unitKeys.detail(id), queryFn: () => unitsApi.get(id) });
  if (detail.isLoading) return <Spin />;
  if (detail.error) return <ProblemAlert error={detail.error} />;
  const d = detail.data!;
  const u = d.unit;
  return (
    <section aria-labelledby="selected-unit-title">
      <Typography.Title level={2} id="selected-unit-title" style={{ fontSize: 18, marginTop: 0 }}>
        {u.name}
      </Typography.Title>
      {d.ancestors.length ? (
        <Typography.Paragraph type="secondary">
          {d.ancestors.map((a) => a.name).join(" › ")}
        </Typography.Paragraph>
      ) : null}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("unit.kind")}>{kindLabel(t, u.kind)}</Descriptions.Item>
        <Descriptions.Item label={t("unit.adminType")}>{adminTypeLabel(t, u.adminType)}</Descriptions.Item>
        <Descriptions.Item label={t("unit.code")}>{u.code ?? t("common.emDash")}</Descriptions.Item>
        <Descriptions.Item label={t("unit.validFrom")}>
          {formatDate(u.validFrom) || t("common.emDash")}
        </Descriptions.Item>
        {u.validTo ? (
          <Descriptions.Item label={t("unit.validTo")}>{formatDate(u.validTo)}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t("unit.childCount")}>{formatNumber(d.counts.children)}</Descriptions.Item>
        <Descriptions.Item label={t("unit.areas")}>{formatNumber(d.counts.areas)}</Descriptions.Item>
        <Descriptions.Item label={t("unit.users")}>{formatNumber(d.counts.users)}</Descriptions.Item>
      </Descriptions>
      <Link to={`/don-vi/${u.id}`}>
        <Button type="primary" style={{ marginTop: 16 }}>
          {t("units.openPage")}
        </Button>
      </Link>
    </section>
  );
}

/** The unit tree: lazy levels, diacritic-free search that opens the tree to the result, closed units, as-of date. */
export default function TreePage() {
  const t = useT();
  const can = useCan();
  const [includeClosed, setIncludeClosed] = useState(false);
  const [asOf, setAsOf] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [children, setChildren] = useState<Map<number, UnitSummary[]>>(new Map());
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const treeRef = useRef<TreeRef>(null);
  const params: ChildrenQuery = useMemo(() => ({ asOf, includeClosed }), [asOf, includeClosed]);
  const shownDate = asOf ?? todayIso();

  useEffect(() => {
    const handle = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(handle);
  }, [text]);

  const roots = useQuery({
    queryKey: [...unitKeys.roots, includeClosed],
    queryFn: () => unitsApi.roots(includeClosed),
    placeholderData: keepPreviousData,
  });

  // a new date or closed-units choice starts the tree afresh
  const paramsKey = `${asOf}|${includeClosed}`;
  const [treeKey, setTreeKey] = useState(paramsKey);
  if (treeKey !== paramsKey) {
    setTreeKey(paramsKey);
    setChildren(new Map());
    setExpanded([]);
  }

  const loadChildren = useCallback(
    async (id: number, p: ChildrenQuery = params) => {
      const { items } = await unitsApi.children(id, p);
      setChildren((prev) => new Map(prev).set(id, items));
      return items;
    },
    [params],
  );

  // search covers former units too ("dak nia" finds the former commune), marked as closed
  const hits = useQuery({
    queryKey: ["org-units", "search", q, true],
    queryFn: ({ signal }) => unitsApi.search(q, { limit: 20, includeClosed: true }, signal),
    enabled: q.length >= 2,
  });

  const treeData = useMemo(() => {
    const build = (units: UnitSummary[]): DataNode[] =>
      units.map((u) => {
        const kids = children.get(u.id);
        return {
          key: u.id,
          title: <UnitTitle unit={u} asOf={shownDate} />,
          isLeaf: !u.hasChildren,
          children: kids ? build(kids) : undefined,
        };
      });
    return build(roots.data?.items ?? []);
  }, [roots.data, children, shownDate]);

  const reveal = async (hit: UnitSearchHit) => {
    setSelected(hit.id);
    // a former unit shows in the tree only with closed units (or on a date when it existed)
    let p = params;
    let known = children;
    if (isClosed(hit, shownDate) && !includeClosed) {
      p = { asOf, includeClosed: true };
      known = new Map();
      setIncludeClosed(true);
      setTreeKey(`${asOf}|true`);
      setChildren(known);
    }
    const rootIds = new Set((roots.data?.items ?? []).map((r) => r.id));
    const chain = hit.ancestors.map((a) => a.id);
    const start = chain.findIndex((id) => rootIds.has(id));
    const path = start >= 0 ? chain.slice(start) : [];
    await Promise.all(path.filter((id) => !known.has(id)).map((id) => loadChildren(id, p)));
    setExpanded((prev) => [...new Set([...(p === params ? prev : []), ...path])]);
    setSelected(hit.id);
    setTimeout(() => treeRef.current?.scrollTo({ key: hit.id, align: "top", offset: 40 }), 50);
  };

  return (
    <>
      <PageHeader
        title={t("units.title")}
        extra={
          can("orgUnit.import") ? (
            <Link to="/don-vi/nhap">
              <Button>{t("units.import")}</Button>
            </Link>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t("units.searchLabel")} htmlFor="unit-search" style={{ marginBottom: 8 }}>
                <Input.Search
                  id="unit-search"
                  type="search"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  onSearch={(v) => setQ(v.trim())}
                  placeholder={t("units.searchPlaceholder")}
                  allowClear
                  enterButton={t("common.search")}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t("units.asOf")}
                htmlFor="unit-as-of"
                extra={t("units.asOfHint")}
                style={{ marginBottom: 8 }}
              >
                <DateInput id="unit-as-of" value={asOf} onChange={setAsOf} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t("units.includeClosed")}
                htmlFor="unit-include-closed"
                style={{ marginBottom: 8 }}
              >
                <Switch id="unit-include-closed" checked={includeClosed} onChange={setIncludeClosed} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {q.length >= 2 ? (
            <Card
              size="small"
              title={
                <h2 id="unit-search-results" style={{ fontSize: 16, margin: 0 }}>
                  {t("units.searchResults")}
                </h2>
              }
              style={{ marginBottom: 16 }}
              loading={hits.isLoading}
            >
              <ProblemAlert error={hits.error} />
              <section aria-labelledby="unit-search-results">
                <List
                  size="small"
                  dataSource={hits.data?.items ?? []}
                  locale={{ emptyText: t("units.noResults") }}
                  renderItem={(h) => (
                    <List.Item>
                      <Button
                        type="link"
                        onClick={() => void reveal(h)}
                        style={{ padding: 0, height: "auto", textAlign: "start", whiteSpace: "normal" }}
                      >
                        <span>
                          <strong>{h.name}</strong>
                          {h.ancestors.length ? (
                            <Typography.Text type="secondary">
                              {" "}
                              — {h.ancestors.map((a) => a.name).join(" › ")}
                            </Typography.Text>
                          ) : null}
                        </span>
                      </Button>
                      {isClosed(h, shownDate) ? <Tag>{t("units.closed")}</Tag> : null}
                    </List.Item>
                  )}
                />
              </section>
            </Card>
          ) : null}
          <Card size="small">
            <ProblemAlert error={roots.error} />
            {roots.isLoading ? <Spin /> : null}
            <section aria-label={t("units.treeLabel")}>
              <Tree
                ref={treeRef as never}
                treeData={treeData}
                height={620}
                expandedKeys={expanded}
                selectedKeys={selected ? [selected] : []}
                onExpand={(keys) => setExpanded(keys)}
                onSelect={(keys) => setSelected(keys.length ? Number(keys[0]) : null)}
                loadData={async (node: EventDataNode<DataNode>) => {
                  const id = Number(node.key);
                  if (!children.has(id)) await loadChildren(id);
                }}
                loadedKeys={[...children.keys()]}
                showLine
                blockNode
              />
            </section>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" style={{ position: "sticky", top: 16 }}>
            {selected ? (
              <SelectedUnit id={selected} />
            ) : (
              <Flex justify="center">
                <Empty description={t("units.selectHint")} />
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
