-- Report templates (edited by an administrator) and generated report versions, saved with their figures
-- as generated: a later correction of data does not change a filed report; regenerating adds a version.
create table report_templates (
  id bigint generated always as identity primary key,
  name text not null,
  unit_kind text not null default 'any' check (unit_kind in ('any','commune','province','ministry')),
  doc_type text not null default 'Báo cáo',
  title text not null,
  symbol text not null default 'BC',
  -- [{kind:'heading'|'paragraph'|'bullet', text}, {kind:'table', caption, codes}, {kind:'contained_reports'}]
  sections jsonb not null default '[]',
  recipients jsonb not null default '[]',
  active boolean not null default true,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table report_versions (
  id bigint generated always as identity primary key,
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  template_id bigint not null references report_templates(id),
  period_spec text not null,
  period_from date not null,
  period_to date not null,
  version int not null,
  number text,
  title text not null,
  figures jsonb not null,
  content jsonb not null,
  contained jsonb not null default '[]',
  docx bytea not null,
  xlsx bytea,
  generated_by bigint references users(id),
  generated_at timestamptz not null default now(),
  unique (unit_id, template_id, period_from, period_to, version)
);
create index report_versions_unit on report_versions (unit_id, period_from, period_to);

insert into report_templates (name, unit_kind, title, symbol, sections, recipients) values (
  'Báo cáo kết quả phong trào Toàn dân bảo vệ ANTQ',
  'any',
  'Kết quả công tác xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc {period.label}',
  'BC',
  '[{"kind":"paragraph","text":"Thực hiện chương trình công tác {period.label}, {unit.name} báo cáo kết quả công tác xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc như sau:"},
    {"kind":"heading","text":"I. KẾT QUẢ ĐẠT ĐƯỢC"},
    {"kind":"paragraph","text":"Số liệu chi tiết theo từng đơn vị tại bảng kèm theo."},
    {"kind":"table","caption":"Bảng 1. Kết quả theo đơn vị","codes":[]},
    {"kind":"contained_reports"},
    {"kind":"heading","text":"II. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"},
    {"kind":"paragraph","text":"Tiếp tục đẩy mạnh công tác tuyên truyền, vận động quần chúng nhân dân tham gia phong trào Toàn dân bảo vệ an ninh Tổ quốc."}]',
  '["Lãnh đạo cấp trên", "Đảng ủy, Ủy ban nhân dân cùng cấp"]'
);
