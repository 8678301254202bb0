/**
 * Routes and menu entries of figures analysis, data entry, reports and dashboards, spread into
 * app/features.tsx. Every page is its own lazily loaded chunk; this file holds no page code.
 */
import {
  BarChartOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FormOutlined,
  SettingOutlined,
} from "@ant-design/icons";
import type { RouteObject } from "react-router";
import type { MenuItem } from "../../app/features.tsx";
import { lazyPage } from "../../app/lazy.tsx";

export const reportsRoutes: RouteObject[] = [
  {
    path: "dashboard",
    element: lazyPage(() => import("../dashboards/DashboardPage.tsx"), "report.read"),
  },
  { path: "so-lieu", element: lazyPage(() => import("./AnalysisPage.tsx"), "report.read") },
  { path: "bao-cao", element: lazyPage(() => import("./ReportsPage.tsx"), "report.read") },
  {
    path: "bao-cao/mau/:id",
    element: lazyPage(() => import("./TemplateEditorPage.tsx"), "report.template.manage"),
  },
  { path: "nhap-so-lieu", element: lazyPage(() => import("../figures/EntryPage.tsx"), "figure.read") },
  {
    path: "nhap-so-lieu/chi-tieu",
    element: lazyPage(() => import("../figures/DefinitionsPage.tsx"), "figure.define"),
  },
];

export const reportsMenu: MenuItem[] = [
  {
    key: "dashboard",
    path: "/dashboard",
    label: { vi: "Bảng điều khiển", en: "Dashboard" },
    icon: <DashboardOutlined />,
    action: "report.read",
    order: 1,
  },
  {
    key: "figure-entry",
    path: "/nhap-so-lieu",
    label: { vi: "Nhập số liệu", en: "Enter figures" },
    icon: <FormOutlined />,
    action: "figure.read",
    group: "work",
    order: 80,
  },
  {
    key: "analysis",
    path: "/so-lieu",
    label: { vi: "Phân tích số liệu", en: "Figures analysis" },
    icon: <BarChartOutlined />,
    action: "report.read",
    group: "reports",
    order: 10,
  },
  {
    key: "reports",
    path: "/bao-cao",
    label: { vi: "Báo cáo", en: "Reports" },
    icon: <FileTextOutlined />,
    action: "report.read",
    group: "reports",
    order: 20,
  },
  {
    key: "figure-definitions",
    path: "/nhap-so-lieu/chi-tieu",
    label: { vi: "Chỉ tiêu nhập theo kỳ", en: "Figures entered per period" },
    icon: <SettingOutlined />,
    action: "figure.define",
    group: "admin",
    order: 40,
  },
];
