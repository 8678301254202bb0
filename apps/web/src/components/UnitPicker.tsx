import { useQuery } from "@tanstack/react-query";
import { TreeSelect } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { type UnitSummary, unitsApi } from "../features/org-units/api.ts";
import { useT } from "../lib/i18n/index.tsx";

interface Node {
  id: number;
  pId: number | 0;
  value: number;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
}

type Labeled = { value: number; label: React.ReactNode };

export interface UnitPickerProps<M extends boolean = false> {
  value?: (M extends true ? number[] : number) | null;
  onChange?: (value: (M extends true ? number[] : number) | null) => void;
  id?: string;
  multiple?: M;
  /** only units of these kinds can be chosen (others still show in the tree) */
  selectableKinds?: string[];
  includeClosed?: boolean;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  "aria-describedby"?: string;
  "aria-required"?: boolean;
  /** names already known to the caller (e.g. the current unit), shown without a lookup */
  knownLabels?: Record<number, string>;
}

const toNode = (u: UnitSummary, parent: number, selectable?: string[]): Node => ({
  id: u.id,
  pId: parent,
  value: u.id,
  title: u.name,
  isLeaf: !u.hasChildren,
  disabled: selectable ? !selectable.includes(u.kind) : false,
});

/**
 * Chooses one or several units: type to search the whole tree without diacritics ("dak nia"), or
 * browse the tree of the user's scope level by level. The value is the unit id (or ids).
 */
export function UnitPicker<M extends boolean = false>(props: UnitPickerProps<M>) {
  const { id, multiple, selectableKinds, includeClosed, placeholder, disabled, allowClear = true } = props;
  const t = useT();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const labels = useRef(new Map<number, string>());
  for (const [key, name] of Object.entries(props.knownLabels ?? {})) labels.current.set(Number(key), name);

  useEffect(() => {
    const handle = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(handle);
  }, [search]);

  const roots = useQuery({
    queryKey: ["org-units", "roots", !!includeClosed],
    queryFn: () => unitsApi.roots(includeClosed),
    staleTime: 60_000,
  });
  useEffect(() => {
    if (roots.data && nodes.length === 0)
      setNodes(roots.data.items.map((u) => toNode(u, 0, selectableKinds)));
  }, [roots.data, nodes.length, selectableKinds]);

  const hits = useQuery({
    queryKey: ["org-units", "search", debounced, includeClosed],
    queryFn: ({ signal }) => unitsApi.search(debounced, { limit: 30, includeClosed }, signal),
    enabled: debounced.length >= 2,
    staleTime: 30_000,
  });

  for (const n of nodes) labels.current.set(n.id, n.title);
  for (const h of hits.data?.items ?? []) labels.current.set(h.id, h.name);

  const ids = (
    props.value == null ? [] : Array.isArray(props.value) ? props.value : [props.value]
  ) as number[];
  const unknown = ids.filter((i) => !labels.current.has(i));
  const missing = useQuery({
    queryKey: ["org-units", "labels", unknown],
    queryFn: async () => Promise.all(unknown.map((i) => unitsApi.get(i).then((d) => d.unit))),
    enabled: unknown.length > 0,
    staleTime: 5 * 60_000,
  });
  for (const u of missing.data ?? []) labels.current.set(u.id, u.name);

  const searching = debounced.length >= 2;
  const treeData = useMemo(() => {
    if (!searching) return nodes;
    return (hits.data?.items ?? []).map((h) => ({
      id: h.id,
      pId: 0,
      value: h.id,
      isLeaf: true,
      disabled: selectableKinds ? !selectableKinds.includes(h.kind) : false,
      title: h.ancestors.length ? `${h.name} — ${h.ancestors.map((a) => a.name).join(" › ")}` : h.name,
    }));
  }, [searching, nodes, hits.data, selectableKinds]);

  const loadData = async (node: { value?: unknown }) => {
    const parent = Number(node.value);
    if (nodes.some((n) => n.pId === parent)) return;
    const { items } = await unitsApi.children(parent, { includeClosed });
    setNodes((prev) => [...prev, ...items.map((u) => toNode(u, parent, selectableKinds))]);
  };

  const labeled = ids.map((i) => ({ value: i, label: labels.current.get(i) ?? `#${i}` }));

  return (
    <TreeSelect<Labeled | Labeled[] | null>
      id={id}
      treeDataSimpleMode
      treeData={treeData}
      loadData={searching ? undefined : loadData}
      labelInValue
      treeNodeLabelProp="title"
      value={multiple ? labeled : (labeled[0] ?? null)}
      multiple={multiple}
      disabled={disabled}
      allowClear={allowClear}
      placeholder={placeholder ?? t("picker.unitSearch")}
      aria-describedby={props["aria-describedby"]}
      aria-required={props["aria-required"]}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterTreeNode: false,
        autoClearSearchValue: true,
      }}
      notFoundContent={searching && hits.isFetched ? t("units.noResults") : undefined}
      loading={roots.isLoading || hits.isFetching}
      onChange={(v) => {
        if (Array.isArray(v)) {
          for (const x of v) if (typeof x.label === "string") labels.current.set(x.value, stripPath(x.label));
          props.onChange?.(v.map((x) => x.value) as never);
        } else {
          if (v && typeof v.label === "string") labels.current.set(v.value, stripPath(v.label));
          props.onChange?.((v ? v.value : null) as never);
        }
        setSearch("");
      }}
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
      listHeight={360}
    />
  );
}

const stripPath = (label: string) => label.split(" — ")[0];
