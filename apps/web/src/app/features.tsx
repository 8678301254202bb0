/**
 * THE registry of pages and menu entries. Each module adds its routes to `featureRoutes` (paths
 * relative to the signed-in layout, Vietnamese slugs without diacritics) and its entries to
 * `menuItems`. Keep insertions small; load pages with `lazyPage` so each is its own chunk.
 */
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  EyeOutlined,
  FlagOutlined,
  HomeOutlined,
  InboxOutlined,
  TeamOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { RouteObject } from "react-router";
import { reportsMenu, reportsRoutes } from "../features/reports/routes.tsx";
import type { MessageKey } from "../lib/i18n/index.tsx";
import { lazyPage } from "./lazy.tsx";

export interface MenuItem {
  key: string;
  /** absolute path, e.g. "/don-vi" */
  path: string;
  labelKey?: MessageKey;
  label?: { vi: string; en: string };
  icon?: ReactNode;
  /** the action the user's roles must allow for the entry to show (e.g. "user.read") */
  action?: string;
  /** a key of `menuGroups`; top level when absent */
  group?: string;
  /** position within its group (smaller first; default 100) */
  order?: number;
}

export interface MenuGroup {
  key: string;
  labelKey?: MessageKey;
  label?: { vi: string; en: string };
  order?: number;
}

export const menuGroups: MenuGroup[] = [
  { key: "work", labelKey: "menu.group.work", order: 10 },
  { key: "reports", labelKey: "menu.group.reports", order: 20 },
  { key: "admin", labelKey: "menu.group.admin", order: 90 },
];

export const featureRoutes: RouteObject[] = [
  // foundation: home, units, accounts, audit, profile
  { index: true, element: lazyPage(() => import("../features/home/HomePage.tsx")) },
  { path: "don-vi", element: lazyPage(() => import("../features/org-units/TreePage.tsx"), "orgUnit.read") },
  {
    path: "don-vi/nhap",
    element: lazyPage(() => import("../features/org-units/ImportPage.tsx"), "orgUnit.import"),
  },
  {
    path: "don-vi/:id",
    element: lazyPage(() => import("../features/org-units/UnitPage.tsx"), "orgUnit.read"),
  },
  { path: "tai-khoan", element: lazyPage(() => import("../features/accounts/UsersPage.tsx"), "user.read") },
  {
    path: "tai-khoan/moi",
    element: lazyPage(() => import("../features/accounts/CreateUserPage.tsx"), "user.manage"),
  },
  {
    path: "tai-khoan/:id",
    element: lazyPage(() => import("../features/accounts/UserPage.tsx"), "user.read"),
  },
  { path: "nhat-ky", element: lazyPage(() => import("../features/audit/AuditPage.tsx"), "audit.read") },
  { path: "ca-nhan", element: lazyPage(() => import("../features/profile/ProfilePage.tsx")) },
  // modules: add your routes below this line
  // movement work (issue 4)
  {
    path: "phong-trao",
    element: lazyPage(() => import("../features/movement/OverviewPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/hoat-dong",
    element: lazyPage(() => import("../features/movement/ActivitiesPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/mo-hinh",
    element: lazyPage(() => import("../features/movement/ModelsPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/mo-hinh/:id",
    element: lazyPage(() => import("../features/movement/ModelPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/dien-dan",
    element: lazyPage(() => import("../features/movement/ForumsPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/dien-dan/:id",
    element: lazyPage(() => import("../features/movement/ForumPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/cam-ket",
    element: lazyPage(() => import("../features/movement/PledgesPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/giao-nop-vu-khi",
    element: lazyPage(() => import("../features/movement/WeaponsPage.tsx"), "movement.read"),
  },
  {
    path: "phong-trao/nhap",
    element: lazyPage(() => import("../features/movement/ImportPage.tsx"), "movement.record"),
  },
  ...reportsRoutes,
  // citizen channel (submissions)
  {
    path: "tin-bao",
    element: lazyPage(() => import("../features/submissions/InboxPage.tsx"), "submission.read"),
  },
  {
    path: "tin-bao/moi",
    element: lazyPage(() => import("../features/submissions/IntakePage.tsx"), "submission.intake"),
  },
  {
    path: "tin-bao/xem-danh-tinh",
    element: lazyPage(() => import("../features/submissions/RevealsPage.tsx"), "submission.listReveals"),
  },
  { path: "tin-bao/thoi-han", element: lazyPage(() => import("../features/submissions/RulesPage.tsx")) },
  {
    path: "tin-bao/:id",
    element: lazyPage(() => import("../features/submissions/DetailPage.tsx"), "submission.read"),
  },
  {
    path: "canh-bao",
    element: lazyPage(() => import("../features/submissions/WarningsPage.tsx"), "submission.read"),
  },
];

export const menuItems: MenuItem[] = [
  { key: "home", path: "/", labelKey: "menu.home", icon: <HomeOutlined />, order: 0 },
  // modules: add your menu entries below this line
  {
    key: "movement",
    path: "/phong-trao",
    label: { vi: "Phong trào toàn dân BVANTQ", en: "All-People movement" },
    icon: <FlagOutlined />,
    action: "movement.read",
    group: "work",
    order: 30,
  },
  {
    key: "movement-activities",
    path: "/phong-trao/hoat-dong",
    label: { vi: "Hoạt động phong trào", en: "Movement activities" },
    icon: <FlagOutlined />,
    action: "movement.read",
    group: "work",
    order: 31,
  },
  {
    key: "movement-models",
    path: "/phong-trao/mo-hinh",
    label: { vi: "Mô hình tự quản", en: "Self-managed models" },
    icon: <FlagOutlined />,
    action: "movement.read",
    group: "work",
    order: 32,
  },
  {
    key: "movement-forums",
    path: "/phong-trao/dien-dan",
    label: { vi: "Diễn đàn lắng nghe", en: "Listening forums" },
    icon: <FlagOutlined />,
    action: "movement.read",
    group: "work",
    order: 33,
  },
  {
    key: "movement-pledges",
    path: "/phong-trao/cam-ket",
    label: { vi: "Cam kết hộ gia đình", en: "Household pledges" },
    icon: <FlagOutlined />,
    action: "movement.read",
    group: "work",
    order: 34,
  },
  {
    key: "movement-weapons",
    path: "/phong-trao/giao-nop-vu-khi",
    label: { vi: "Giao nộp vũ khí", en: "Weapon surrenders" },
    icon: <FlagOutlined />,
    action: "movement.read",
    group: "work",
    order: 35,
  },
  {
    key: "movement-import",
    path: "/phong-trao/nhap",
    label: { vi: "Nhập dữ liệu phong trào", en: "Import movement data" },
    icon: <UploadOutlined />,
    action: "movement.record",
    group: "work",
    order: 36,
  },
  ...reportsMenu,
  {
    key: "submissions",
    path: "/tin-bao",
    label: { vi: "Tin báo, phản ánh", en: "Citizen reports" },
    icon: <InboxOutlined />,
    action: "submission.read",
    group: "work",
    order: 10,
  },
  {
    key: "crime-warnings",
    path: "/canh-bao",
    label: { vi: "Cảnh báo thủ đoạn", en: "Crime warnings" },
    icon: <AlertOutlined />,
    action: "submission.read",
    group: "work",
    order: 11,
  },
  {
    key: "identity-reveals",
    path: "/tin-bao/xem-danh-tinh",
    label: { vi: "Nhật ký xem danh tính", en: "Identity reveals" },
    icon: <EyeOutlined />,
    action: "submission.listReveals",
    group: "admin",
    order: 40,
  },
  {
    key: "deadline-rules",
    path: "/tin-bao/thoi-han",
    label: { vi: "Thời hạn, ngày nghỉ", en: "Deadlines, holidays" },
    icon: <CalendarOutlined />,
    action: "submission.manageRules",
    group: "admin",
    order: 41,
  },
  {
    key: "org-units",
    path: "/don-vi",
    labelKey: "menu.orgUnits",
    icon: <ApartmentOutlined />,
    action: "orgUnit.read",
    order: 10,
  },
  {
    key: "org-import",
    path: "/don-vi/nhap",
    labelKey: "menu.orgImport",
    icon: <UploadOutlined />,
    action: "orgUnit.import",
    group: "admin",
    order: 11,
  },
  {
    key: "users",
    path: "/tai-khoan",
    labelKey: "menu.users",
    icon: <TeamOutlined />,
    action: "user.read",
    group: "admin",
    order: 20,
  },
  {
    key: "audit",
    path: "/nhat-ky",
    labelKey: "menu.audit",
    icon: <AuditOutlined />,
    action: "audit.read",
    group: "admin",
    order: 30,
  },
];
