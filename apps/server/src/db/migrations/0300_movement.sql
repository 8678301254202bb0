-- Movement work (issue 4): self-managed models, outreach activities, listening forums, household pledges,
-- weapon surrenders. Every record carries the unit where the work happened (as it existed then) and its
-- province. Catalogues (model types, activity kinds with their result forms) are data an administrator extends.

-- ---------------------------------------------------------------- catalogues
create table movement_model_types (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,48}$'),
  name text not null,
  name_en text not null,
  description text,
  -- camera models count camera points and owners who agree to share footage
  counts_camera_points boolean not null default false,
  -- may cover several units, even across provinces (border clusters)
  spans_units boolean not null default false,
  active boolean not null default true,
  sort int not null default 100,
  builtin boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table movement_activity_kinds (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,48}$'),
  name text not null,
  name_en text not null,
  -- the result form: [{key, label:{vi,en}, type:'int'|'number'|'text'|'bool', unit:{vi,en}|null,
  --   min, max, required, indicator}] ; numeric fields with indicator=true are summed by the registry
  result_fields jsonb not null default '[]'::jsonb,
  active boolean not null default true,
  sort int not null default 100,
  builtin boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- ---------------------------------------------------------------- models (mô hình)
create table movement_models (
  id bigint generated always as identity primary key,
  -- the unit that owns the record (launched it, keeps it); the units covered are in movement_model_units
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  type_id bigint not null references movement_model_types(id),
  name text not null,
  description text,
  status text not null default 'active' check (status in ('active','suspended','ended')),
  launched_on date not null,
  ended_on date,
  founding_decision text,
  partners jsonb not null default '[]'::jsonb,
  replicated_from_id bigint references movement_models(id),
  coordinator_name text,
  coordinator_phone text,
  camera_points int check (camera_points is null or camera_points >= 0),
  review_every_months int not null default 12 check (review_every_months between 1 and 60),
  is_demo boolean not null default false,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ended_on is null or ended_on >= launched_on)
);
create index movement_models_unit on movement_models (unit_id, launched_on);
create index movement_models_type on movement_models (type_id);
create index movement_models_replicated on movement_models (replicated_from_id);

-- Units and residential areas a model covers (the owner unit is always one of them).
create table movement_model_units (
  model_id bigint not null references movement_models(id) on delete cascade,
  unit_id bigint not null references org_units(id),
  primary key (model_id, unit_id)
);
create index movement_model_units_unit on movement_model_units (unit_id, model_id);

-- People taking part (not users). Contact data is personal: shown only within scope.
create table movement_model_members (
  id bigint generated always as identity primary key,
  model_id bigint not null references movement_models(id) on delete cascade,
  full_name text not null,
  role text,
  phone text,
  address text,
  joined_on date,
  left_on date,
  created_at timestamptz not null default now()
);
create index movement_model_members_model on movement_model_members (model_id);

create table movement_model_reviews (
  id bigint generated always as identity primary key,
  model_id bigint not null references movement_models(id) on delete cascade,
  kind text not null check (kind in ('interim','final')),
  reviewed_on date not null,
  rating text not null check (rating in ('effective','ineffective')),
  findings text,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index movement_model_reviews_model on movement_model_reviews (model_id, reviewed_on);

create table movement_model_recognitions (
  id bigint generated always as identity primary key,
  model_id bigint not null references movement_models(id) on delete cascade,
  kind text not null check (kind in ('dan_van_kheo','typical')),
  level text not null check (level in ('commune','district','province','ministry','national')),
  decision_ref text not null,
  recognised_on date not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index movement_model_recognitions_model on movement_model_recognitions (model_id, recognised_on);

-- Camera owners who agree to share footage; consent is re-confirmed yearly.
create table movement_camera_consents (
  id bigint generated always as identity primary key,
  model_id bigint not null references movement_models(id) on delete cascade,
  owner_name text not null,
  address text,
  phone text,
  cameras int not null default 1 check (cameras >= 0),
  confirmed_on date not null,
  withdrawn_on date,
  created_at timestamptz not null default now()
);
create index movement_camera_consents_model on movement_camera_consents (model_id);

-- ---------------------------------------------------------------- activities (hoạt động)
create table movement_activities (
  id bigint generated always as identity primary key,
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  area_id bigint references org_units(id),
  kind_id bigint not null references movement_activity_kinds(id),
  -- denormalised kind code: the benchmark's (province, kind, date) index and the indicator filters
  kind text not null,
  occurred_on date not null,
  starts_at time,
  ends_at time,
  title text not null,
  organiser text,
  partners jsonb not null default '[]'::jsonb,
  officer_ids bigint[] not null default '{}',
  model_id bigint references movement_models(id),
  programme text,
  narrative text,
  -- attendance from the result form, kept as a column for fast sums
  participants int check (participants is null or participants >= 0),
  results jsonb not null default '{}'::jsonb,
  is_demo boolean not null default false,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index movement_activities_unit on movement_activities (unit_id, occurred_on, id);
create index movement_activities_province_kind on movement_activities (province_id, kind, occurred_on, id);
create index movement_activities_unit_kind on movement_activities (unit_id, kind, occurred_on) include (participants);
create index movement_activities_model on movement_activities (model_id) where model_id is not null;

-- ---------------------------------------------------------------- listening forums
create table movement_forums (
  id bigint generated always as identity primary key,
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  area_id bigint references org_units(id),
  title text not null,
  held_on date not null,
  starts_at time,
  place text not null,
  invitees text,
  chair text,
  status text not null default 'planned' check (status in ('planned','held','cancelled')),
  attendance int check (attendance is null or attendance >= 0),
  narrative text,
  is_demo boolean not null default false,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index movement_forums_unit on movement_forums (unit_id, held_on);

-- Each opinion raised becomes one citizen-channel item (no foreign key into that module's tables).
create table movement_forum_opinions (
  id bigint generated always as identity primary key,
  forum_id bigint not null references movement_forums(id) on delete cascade,
  seq int not null,
  kind text not null check (kind in ('security_feedback','conduct_feedback','crime_report','complaint','denunciation')),
  content text not null,
  citizen_name text,
  concerned_officer_id bigint references users(id),
  submission_id bigint,
  submission_code text,
  created_at timestamptz not null default now(),
  unique (forum_id, seq)
);
create index movement_forum_opinions_submission on movement_forum_opinions (submission_id);

-- ---------------------------------------------------------------- household pledges (per area and year)
create table movement_pledges (
  id bigint generated always as identity primary key,
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  year int not null check (year between 1990 and 2100),
  households int not null check (households >= 0),
  households_signed int not null check (households_signed >= 0),
  note text,
  is_demo boolean not null default false,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (unit_id, year),
  check (households_signed <= households)
);

-- ---------------------------------------------------------------- weapon surrenders
create table movement_weapon_surrenders (
  id bigint generated always as identity primary key,
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  area_id bigint references org_units(id),
  surrendered_on date not null,
  place text,
  -- null when handed in anonymously
  surrendered_by text,
  surrendered_by_address text,
  receiving_officer_id bigint references users(id),
  receiving_officer_name text,
  storage_ref text,
  activity_id bigint references movement_activities(id),
  note text,
  receipt_no text,
  is_demo boolean not null default false,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index movement_weapon_surrenders_unit on movement_weapon_surrenders (unit_id, surrendered_on);

create table movement_weapon_items (
  id bigint generated always as identity primary key,
  surrender_id bigint not null references movement_weapon_surrenders(id) on delete cascade,
  category text not null check (category in ('military_gun','hunting_gun','homemade_gun','detonator_gun',
    'ammunition','explosive','crude_weapon','support_tool')),
  description text,
  quantity int not null check (quantity > 0)
);
create index movement_weapon_items_surrender on movement_weapon_items (surrender_id);

-- ---------------------------------------------------------------- attachments (photos, minutes, decisions)
create table movement_attachments (
  id bigint generated always as identity primary key,
  owner_type text not null check (owner_type in ('model','activity','forum','weapon_surrender')),
  owner_id bigint not null,
  unit_id bigint not null references org_units(id),
  file_name text not null,
  mime_type text not null,
  size_bytes int not null,
  content bytea not null,
  uploaded_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index movement_attachments_owner on movement_attachments (owner_type, owner_id);

-- ---------------------------------------------------------------- the starting catalogues (from the articles)
insert into movement_model_types (code, name, name_en, counts_camera_points, spans_units, sort, builtin) values
  ('household_group', 'Tổ liên gia tự quản', 'Self-managed household group', false, false, 10, true),
  ('people_patrol', 'Tổ tuần tra nhân dân', 'People''s patrol', false, false, 20, true),
  ('security_camera', 'Camera an ninh', 'Security cameras', true, false, 30, true),
  ('crime_free_area', 'Khu dân cư / Làng không có tội phạm và tệ nạn xã hội', 'Crime-free residential area / village', false, false, 40, true),
  ('law_abiding_clan', 'Dòng họ không có người vi phạm pháp luật', 'Law-abiding clan', false, false, 50, true),
  ('safe_area', 'Thôn, xóm, khu dân cư an toàn về ANTT', 'Residential area safe for security and order', false, false, 55, true),
  ('religious', 'Mô hình trong tôn giáo (giáo xứ, chùa, niệm phật đường)', 'Model in a religious community', false, false, 60, true),
  ('school', 'Mô hình trong trường học', 'School model', false, false, 70, true),
  ('agency_enterprise', 'Mô hình trong cơ quan, doanh nghiệp', 'Agency or enterprise model', false, false, 80, true),
  ('youth_union', 'Mô hình của Đoàn thanh niên', 'Youth-union model', false, false, 90, true),
  ('retired_police_club', 'Câu lạc bộ Công an hưu trí', 'Retired-police club', false, false, 100, true),
  ('border_cluster', 'Cụm giáp ranh, cụm liên hoàn an toàn về ANTT', 'Border cluster across units', false, true, 110, true),
  ('crime_prevention', 'Mô hình phòng, chống tội phạm khác', 'Other crime-prevention model', false, false, 120, true),
  ('reintegration', 'Mô hình hỗ trợ tái hòa nhập cộng đồng', 'Community reintegration support', false, false, 130, true);

insert into movement_activity_kinds (code, name, name_en, sort, builtin, result_fields) values
  ('propaganda', 'Tuyên truyền, phổ biến giáo dục pháp luật', 'Propaganda or legal-education session', 10, true,
   '[{"key":"attendance","label":{"vi":"Số lượt người tham dự","en":"Attendance"},"type":"int","unit":{"vi":"lượt người","en":"people"},"min":0,"max":1000000,"required":true,"indicator":true}]'),
  ('village_meeting', 'Họp thôn, bon, khóm, tổ dân phố', 'Village meeting', 20, true,
   '[{"key":"attendance","label":{"vi":"Số lượt người tham dự","en":"Attendance"},"type":"int","unit":{"vi":"lượt người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true}]'),
  ('patrol', 'Tuần tra, kiểm soát', 'Patrol', 30, true,
   '[{"key":"attendance","label":{"vi":"Số người tham gia","en":"Participants"},"type":"int","unit":{"vi":"người","en":"people"},"min":0,"max":10000,"required":false,"indicator":true},{"key":"patrolHours","label":{"vi":"Số giờ tuần tra","en":"Patrol hours"},"type":"number","unit":{"vi":"giờ","en":"hours"},"min":0,"max":1000,"required":false,"indicator":true},{"key":"incidents","label":{"vi":"Số vụ việc phát hiện","en":"Incidents found"},"type":"int","unit":{"vi":"vụ","en":"incidents"},"min":0,"max":10000,"required":false,"indicator":true}]'),
  ('road_corridor', 'Ra quân chấn chỉnh hành lang, lề đường', 'Road-corridor clean-up', 40, true,
   '[{"key":"attendance","label":{"vi":"Số người tham gia","en":"Participants"},"type":"int","unit":{"vi":"người","en":"people"},"min":0,"max":100000,"required":false,"indicator":true},{"key":"trafficPointsFixed","label":{"vi":"Điểm nguy cơ cao mất an toàn giao thông được khắc phục","en":"High-risk traffic points fixed"},"type":"int","unit":{"vi":"điểm","en":"points"},"min":0,"max":1000,"required":false,"indicator":true}]'),
  ('listening_forum', 'Diễn đàn "Công an lắng nghe ý kiến Nhân dân"', 'Listening forum', 50, true,
   '[{"key":"attendance","label":{"vi":"Số lượt người tham dự","en":"Attendance"},"type":"int","unit":{"vi":"lượt người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true},{"key":"opinionsRecorded","label":{"vi":"Số ý kiến ghi nhận","en":"Opinions recorded"},"type":"int","unit":{"vi":"ý kiến","en":"opinions"},"min":0,"max":100000,"required":false,"indicator":true}]'),
  ('festival_day', 'Ngày hội toàn dân bảo vệ ANTQ', 'Festival day (All People Protect National Security)', 60, true,
   '[{"key":"attendance","label":{"vi":"Số lượt người tham dự","en":"Attendance"},"type":"int","unit":{"vi":"lượt người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true}]'),
  ('peak_campaign', 'Đợt cao điểm đấu tranh, trấn áp tội phạm', 'Peak-campaign action', 70, true,
   '[{"key":"attendance","label":{"vi":"Số lượt người tham gia","en":"Participants"},"type":"int","unit":{"vi":"lượt người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true},{"key":"residentialPoints","label":{"vi":"Số điểm dân cư","en":"Residential points covered"},"type":"int","unit":{"vi":"điểm","en":"points"},"min":0,"max":100000,"required":false,"indicator":true}]'),
  ('pledge_drive', 'Vận động hộ gia đình ký cam kết', 'Household-pledge drive', 80, true,
   '[{"key":"attendance","label":{"vi":"Số người tham dự","en":"Attendance"},"type":"int","unit":{"vi":"người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true},{"key":"householdsSigned","label":{"vi":"Số hộ ký cam kết","en":"Households that signed"},"type":"int","unit":{"vi":"hộ","en":"households"},"min":0,"max":1000000,"required":true,"indicator":true}]'),
  ('weapon_collection', 'Vận động giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ', 'Weapon collection', 90, true,
   '[{"key":"attendance","label":{"vi":"Số người tham dự","en":"Attendance"},"type":"int","unit":{"vi":"người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true},{"key":"weaponsCollected","label":{"vi":"Số vũ khí, vật liệu nổ thu được","en":"Weapons collected"},"type":"int","unit":{"vi":"khẩu, quả, cái","en":"items"},"min":0,"max":100000,"required":false,"indicator":true}]'),
  ('charity', 'Hoạt động từ thiện, an sinh xã hội', 'Charity work', 100, true,
   '[{"key":"charityValueVnd","label":{"vi":"Giá trị (đồng)","en":"Value (VND)"},"type":"int","unit":{"vi":"đồng","en":"VND"},"min":0,"max":1000000000000,"required":false,"indicator":true},{"key":"housesBuilt","label":{"vi":"Số nhà xây, sửa","en":"Houses built or repaired"},"type":"int","unit":{"vi":"nhà","en":"houses"},"min":0,"max":10000,"required":false,"indicator":true},{"key":"giftsGiven","label":{"vi":"Số suất quà","en":"Gifts given"},"type":"int","unit":{"vi":"suất","en":"gifts"},"min":0,"max":1000000,"required":false,"indicator":true},{"key":"beneficiaries","label":{"vi":"Số hộ, người được hỗ trợ","en":"Beneficiaries"},"type":"int","unit":{"vi":"hộ, người","en":"beneficiaries"},"min":0,"max":1000000,"required":false,"indicator":true}]'),
  ('mobile_service', 'Giải quyết thủ tục hành chính lưu động', 'Mobile administrative service', 110, true,
   '[{"key":"attendance","label":{"vi":"Số người được phục vụ","en":"People served"},"type":"int","unit":{"vi":"người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true},{"key":"idCardsIssued","label":{"vi":"Số hồ sơ căn cước thu nhận","en":"ID-card applications taken"},"type":"int","unit":{"vi":"hồ sơ","en":"applications"},"min":0,"max":1000000,"required":false,"indicator":true}]'),
  ('mediation', 'Hòa giải, giải quyết mâu thuẫn', 'Mediation', 120, true,
   '[{"key":"casesMediated","label":{"vi":"Số vụ việc hòa giải","en":"Cases mediated"},"type":"int","unit":{"vi":"vụ","en":"cases"},"min":0,"max":10000,"required":false,"indicator":true},{"key":"fightsResolved","label":{"vi":"Số vụ đánh nhau được giải quyết","en":"Fights resolved"},"type":"int","unit":{"vi":"vụ","en":"fights"},"min":0,"max":10000,"required":false,"indicator":true}]'),
  ('resident_data', 'Làm việc về dữ liệu dân cư (Đề án 06)', 'Resident-data work session', 130, true,
   '[{"key":"attendance","label":{"vi":"Số người được hướng dẫn","en":"People assisted"},"type":"int","unit":{"vi":"người","en":"people"},"min":0,"max":1000000,"required":false,"indicator":true},{"key":"recordsReviewed","label":{"vi":"Số trường hợp rà soát","en":"Records reviewed"},"type":"int","unit":{"vi":"trường hợp","en":"records"},"min":0,"max":10000000,"required":false,"indicator":true},{"key":"recordsCorrected","label":{"vi":"Số trường hợp điều chỉnh, làm sạch","en":"Records corrected"},"type":"int","unit":{"vi":"trường hợp","en":"records"},"min":0,"max":10000000,"required":false,"indicator":true}]');
