import { DownOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Layout as AntLayout,
  App,
  Button,
  Drawer,
  Dropdown,
  Flex,
  Grid,
  Menu,
  Select,
  Typography,
} from "antd";
import type { ItemType } from "antd/es/menu/interface";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { api } from "../lib/api.ts";
import { type Me, useCan, useMe, useSetMe } from "../lib/auth.ts";
import { type MessageKey, useLang, useT } from "../lib/i18n/index.tsx";
import { useShowError } from "../lib/useApiError.ts";
import { menuGroups, menuItems } from "./features.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { SIGN_IN_PATH } from "./router.tsx";

const { Header, Sider, Content } = AntLayout;

function ActingUnitSwitch({ me }: { me: Me }) {
  const t = useT();
  const setMe = useSetMe();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const units = useMemo(() => {
    const map = new Map<number, string>();
    map.set(me.actingUnit.id, me.actingUnit.name);
    for (const g of me.grants) map.set(g.unitId, g.unitName);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [me]);
  const change = useMutation({
    mutationFn: (unitId: number) => api.put<Me>("/api/v1/auth/acting-unit", { unitId }),
    onSuccess: (next) => {
      setMe(next);
      // everything on screen was computed for the former unit
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "auth" });
      void message.success(t("header.actingUnitChanged", { name: next.actingUnit.name }));
    },
    onError: showError,
  });
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      {units.length > 1 ? (
        <>
          <label htmlFor="acting-unit" style={{ whiteSpace: "nowrap", color: "rgba(255,255,255,0.85)" }}>
            {t("header.actingUnit")}
          </label>
          <Select<number>
            id="acting-unit"
            value={me.actingUnit.id}
            options={units}
            onChange={(v) => change.mutate(v)}
            loading={change.isPending}
            style={{ minWidth: 220, maxWidth: 360 }}
            popupMatchSelectWidth={false}
            showSearch={{ optionFilterProp: "label" }}
          />
        </>
      ) : (
        <span style={{ color: "rgba(255,255,255,0.85)" }}>
          {t("header.actingUnit")}{" "}
          <strong data-testid="acting-unit" style={{ color: "#fff" }}>
            {me.actingUnit.name}
          </strong>
        </span>
      )}
    </Flex>
  );
}

function UserMenu({ me }: { me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const setMe = useSetMe();
  const signOut = async () => {
    try {
      await api.post("/api/v1/auth/sign-out");
    } finally {
      setMe(null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "auth" });
      navigate(SIGN_IN_PATH, { replace: true, state: { signedOut: true } });
    }
  };
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "profile", label: t("header.profile"), onClick: () => navigate("/ca-nhan") },
          { type: "divider" },
          { key: "sign-out", label: t("header.signOut"), onClick: () => void signOut() },
        ],
      }}
    >
      <Button aria-label={`${t("header.userMenu")}: ${me.user.fullName}`} icon={<UserOutlined />}>
        <span style={{ maxWidth: 180, overflow: "hidden", textOverflow: "ellipsis" }}>
          {me.user.fullName}
        </span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}

function useMenu() {
  const t = useT();
  const can = useCan();
  const location = useLocation();
  const visible = menuItems.filter((m) => !m.action || can(m.action));
  const byOrder = <T extends { order?: number }>(a: T, b: T) => (a.order ?? 100) - (b.order ?? 100);
  const label = (m: { labelKey?: MessageKey; label?: { vi: string; en: string } }) =>
    m.labelKey ? t(m.labelKey) : m.label ? t(m.label) : "";
  const entry = (m: (typeof visible)[number]): ItemType => ({ key: m.path, icon: m.icon, label: label(m) });
  const items: ItemType[] = visible
    .filter((m) => !m.group)
    .sort(byOrder)
    .map(entry);
  for (const g of [...menuGroups].sort(byOrder)) {
    const children = visible.filter((m) => m.group === g.key).sort(byOrder);
    if (children.length)
      items.push({ type: "group", key: `group-${g.key}`, label: label(g), children: children.map(entry) });
  }
  // the entry whose path is the longest prefix of the current location
  const path = location.pathname;
  const best = visible
    .map((m) => m.path)
    .filter((p) => (p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return { items, selected: best ? [best] : [] };
}

/** The signed-in page frame: skip link, side navigation, header with acting unit, language, user menu. */
export default function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe().data!;
  const navigate = useNavigate();
  const { items, selected } = useMenu();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const { lang, setLang } = useLang();

  // the profile's language wins when the user has one and has not chosen here yet
  useEffect(() => {
    const locale = me.user.locale;
    if ((locale === "vi" || locale === "en") && !sessionStorage.getItem("danvan.langApplied")) {
      sessionStorage.setItem("danvan.langApplied", "1");
      if (locale !== lang) setLang(locale);
    }
  }, [me.user.locale, lang, setLang]);

  const menu = (
    <nav aria-label={t("menu.label")}>
      <Menu
        mode="inline"
        theme="dark"
        items={items}
        selectedKeys={selected}
        onClick={({ key }) => {
          setDrawer(false);
          navigate(key);
        }}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );

  return (
    <AntLayout style={{ minHeight: "100vh" }}>
      <a href="#main-content" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <style>{`.skip-link{position:absolute;left:-9999px;top:0;z-index:1000;background:#fff;padding:8px 12px}
.skip-link:focus{left:8px;top:8px}`}</style>
      {narrow ? (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={260}
          styles={{ body: { padding: 0, background: "#001529" } }}
          title={t("app.name")}
        >
          {menu}
        </Drawer>
      ) : (
        <Sider width={240} style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}>
          <div style={{ color: "#fff", padding: "16px 20px", fontSize: 18, fontWeight: 700 }}>
            {t("app.name")}
            <div style={{ fontSize: 12, fontWeight: 400, opacity: 0.75 }}>{t("app.tagline")}</div>
          </div>
          {menu}
        </Sider>
      )}
      <AntLayout>
        <Header
          style={{
            display: "flex",
            alignItems: "center",
            gap: 16,
            paddingInline: 16,
            flexWrap: "wrap",
            height: "auto",
            minHeight: 64,
            lineHeight: "normal",
          }}
        >
          {narrow ? (
            <Button
              icon={<MenuOutlined />}
              onClick={() => setDrawer(true)}
              aria-label={t("header.openMenu")}
            />
          ) : null}
          <ActingUnitSwitch me={me} />
          <Flex gap={8} align="center" style={{ marginInlineStart: "auto" }}>
            <LanguageSwitch />
            <UserMenu me={me} />
          </Flex>
        </Header>
        <Content id="main-content" tabIndex={-1} style={{ padding: 24, outline: "none" }}>
          {children}
        </Content>
        <AntLayout.Footer style={{ textAlign: "center", padding: "12px 24px" }}>
          <Typography.Text type="secondary">
            {t("app.name")} — {t("app.tagline")}
          </Typography.Text>
        </AntLayout.Footer>
      </AntLayout>
    </AntLayout>
  );
}
