-- Citizen channel: crime reports and tips, security feedback, officer-conduct feedback, complaints and
-- denunciations, with statutory clocks held as data, anonymous two-way follow-up by receipt code and a
-- sealed informant identity.

-- ---------------------------------------------------------------- deadline rules (a legal change is a data change)
create table deadline_rules (
  code text primary key,
  kind text not null check (kind in ('crime_report','security_feedback','conduct_feedback','complaint','denunciation')),
  -- acceptance (thụ lý) then decision; 'response' for feedback; one clock runs at a time
  phase text not null check (phase in ('acceptance','decision','response')),
  label_vi text not null,
  label_en text not null,
  -- 'calendar' counts every day, 'working' skips weekends and the holiday calendar
  day_basis text not null check (day_basis in ('calendar','working')),
  period_unit text not null check (period_unit in ('days','months')),
  normal_amount int not null check (normal_amount > 0),
  complex_amount int,
  -- unit of the complex variant when it differs (crime reports: 20 days, up to 02 months)
  complex_unit text check (complex_unit in ('days','months')),
  remote_amount int,
  remote_complex_amount int,
  max_extensions int not null default 0,
  extension_amount int,
  extension_unit text check (extension_unit in ('days','months')),
  -- when the last day is a weekend day or a holiday, the deadline moves to the next working day
  roll_to_working_day boolean not null default true,
  -- after a suspension is lifted the clock continues with the days left, or starts again
  on_resume text not null default 'continue' check (on_resume in ('continue','restart')),
  legal_source text not null,
  source_text text not null,
  -- V verified in a source, P partly, U not verified (see docs/shared research)
  verification text not null default 'U' check (verification in ('V','P','U')),
  updated_at timestamptz not null default now(),
  updated_by bigint
);

insert into deadline_rules (code, kind, phase, label_vi, label_en, day_basis, period_unit, normal_amount,
  complex_amount, complex_unit, remote_amount, remote_complex_amount, max_extensions, extension_amount, extension_unit,
  roll_to_working_day, on_resume, legal_source, source_text, verification) values
('crime_report.decision', 'crime_report', 'decision',
  'Giải quyết tố giác, tin báo về tội phạm', 'Decision on a crime report or tip',
  'calendar', 'days', 20, 2, 'months', null, null, 1, 2, 'months', true, 'continue',
  'Bộ luật Tố tụng hình sự 2015, Điều 147; thời hạn theo Điều 126',
  'Trong thời hạn 20 ngày kể từ ngày nhận được tố giác, tin báo về tội phạm, kiến nghị khởi tố, Cơ quan điều tra phải kiểm tra, xác minh và ra một trong các quyết định: khởi tố vụ án hình sự; không khởi tố vụ án hình sự; tạm đình chỉ việc giải quyết. Trường hợp vụ việc có nhiều tình tiết phức tạp hoặc phải kiểm tra, xác minh tại nhiều địa điểm thì thời hạn có thể kéo dài nhưng không quá 02 tháng. Trường hợp chưa thể kết thúc trong thời hạn này thì Viện kiểm sát có thể gia hạn một lần nhưng không quá 02 tháng. (Thời hạn sau khi phục hồi giải quyết theo Điều 149: cần kiểm tra lại.)',
  'V'),
('security_feedback.response', 'security_feedback', 'response',
  'Xử lý phản ánh, kiến nghị về an ninh, trật tự', 'Handling of security and order feedback',
  'working', 'days', 10, 20, null, null, null, 1, 10, 'days', true, 'continue',
  'Chỉ tiêu phục vụ nội bộ (không phải thời hạn luật định; Nghị định 20/2008/NĐ-CP không áp dụng)',
  'Thời hạn do đơn vị quy định để trả lời người phản ánh; quản trị viên điều chỉnh theo quy chế của đơn vị.',
  'U'),
('conduct_feedback.response', 'conduct_feedback', 'response',
  'Xử lý góp ý về thái độ, tác phong của cán bộ, chiến sĩ', 'Handling of feedback on an officer''s conduct',
  'working', 'days', 15, 30, null, null, null, 1, 15, 'days', true, 'continue',
  'Chỉ tiêu phục vụ nội bộ (không phải thời hạn luật định)',
  'Thời hạn do đơn vị quy định để xác minh góp ý và nhắc nhở, chấn chỉnh cán bộ nếu có sai phạm.',
  'U'),
('complaint.acceptance', 'complaint', 'acceptance',
  'Thụ lý khiếu nại', 'Acceptance of a complaint',
  'calendar', 'days', 10, null, null, null, null, 0, null, null, true, 'continue',
  'Luật Khiếu nại 2011, Điều 27',
  'Trong thời hạn 10 ngày, kể từ ngày nhận được khiếu nại thuộc thẩm quyền giải quyết của mình, người có thẩm quyền giải quyết khiếu nại lần đầu phải thụ lý giải quyết và thông báo bằng văn bản cho người khiếu nại.',
  'V'),
('complaint.decision', 'complaint', 'decision',
  'Giải quyết khiếu nại lần đầu', 'First-instance decision on a complaint',
  'calendar', 'days', 30, 45, null, 45, 60, 0, null, null, true, 'continue',
  'Luật Khiếu nại 2011, Điều 28',
  'Thời hạn giải quyết khiếu nại lần đầu không quá 30 ngày, kể từ ngày thụ lý; đối với vụ việc phức tạp thì thời hạn giải quyết có thể kéo dài hơn nhưng không quá 45 ngày. Ở vùng sâu, vùng xa đi lại khó khăn thì thời hạn giải quyết không quá 45 ngày; đối với vụ việc phức tạp thì không quá 60 ngày.',
  'V'),
('denunciation.acceptance', 'denunciation', 'acceptance',
  'Thụ lý tố cáo', 'Acceptance of a denunciation',
  'working', 'days', 7, 10, null, null, null, 0, null, null, false, 'continue',
  'Luật Tố cáo 2018, Điều 24',
  'Trong thời hạn 07 ngày làm việc kể từ ngày nhận được tố cáo, cơ quan, tổ chức, cá nhân có trách nhiệm phải vào sổ, phân loại, xử lý ban đầu thông tin tố cáo, kiểm tra các điều kiện thụ lý; trường hợp phải kiểm tra, xác minh tại nhiều địa điểm thì thời hạn có thể dài hơn nhưng không quá 10 ngày làm việc.',
  'U'),
('denunciation.decision', 'denunciation', 'decision',
  'Giải quyết tố cáo', 'Decision on a denunciation',
  'calendar', 'days', 30, null, null, null, null, 2, 30, 'days', true, 'continue',
  'Luật Tố cáo 2018, Điều 30',
  'Thời hạn giải quyết tố cáo là không quá 30 ngày kể từ ngày thụ lý tố cáo. Đối với vụ việc phức tạp thì có thể gia hạn giải quyết tố cáo một lần nhưng không quá 30 ngày. Đối với vụ việc đặc biệt phức tạp thì có thể gia hạn giải quyết tố cáo hai lần, mỗi lần không quá 30 ngày.',
  'V');

-- Transfer clock of TTLT 01/2017: what lies outside a commune's competence goes on within 24 hours,
-- 48 hours in remote areas and islands (org_units.is_remote). Held as a setting, with its source.
insert into app_settings (key, value) values ('submissions.transfer_clock', jsonb_build_object(
  'hours', 24, 'remoteHours', 48,
  'legalSource', 'Thông tư liên tịch 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC',
  'sourceText', 'Công an xã lập biên bản tiếp nhận, lấy lời khai ban đầu và chuyển ngay tố giác, tin báo không thuộc thẩm quyền cho Cơ quan điều tra có thẩm quyền trong thời hạn 24 giờ kể từ khi tiếp nhận; 48 giờ đối với địa bàn vùng sâu, vùng xa, biên giới, hải đảo.'))
on conflict (key) do nothing;

-- ---------------------------------------------------------------- holiday calendar (an administrator maintains it)
create table holidays (
  day date primary key,
  -- 'holiday': a day off on a weekday; 'working_day': a Saturday or Sunday worked in exchange (làm bù)
  kind text not null default 'holiday' check (kind in ('holiday','working_day')),
  name_vi text not null,
  name_en text not null,
  verified boolean not null default false,
  note text,
  updated_at timestamptz not null default now()
);

insert into holidays (day, kind, name_vi, name_en, verified, note) values
('2025-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day', true, null),
('2025-01-27', 'holiday', 'Tết Nguyên đán (28 tháng Chạp, hoán đổi)', 'Lunar New Year (swapped day)', false, 'Hoán đổi với thứ Bảy 08/02/2025: cần kiểm tra'),
('2025-01-28', 'holiday', 'Tết Nguyên đán (29 tháng Chạp)', 'Lunar New Year''s Eve', true, null),
('2025-01-29', 'holiday', 'Tết Nguyên đán (mùng 1)', 'Lunar New Year', true, null),
('2025-01-30', 'holiday', 'Tết Nguyên đán (mùng 2)', 'Lunar New Year', true, null),
('2025-01-31', 'holiday', 'Tết Nguyên đán (mùng 3)', 'Lunar New Year', true, null),
('2025-02-08', 'working_day', 'Làm bù cho ngày 27/01/2025', 'Make-up working day for 27 Jan 2025', false, 'Cần kiểm tra'),
('2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hung Kings'' Commemoration', true, null),
('2025-04-26', 'working_day', 'Làm bù cho ngày 02/5/2025', 'Make-up working day for 2 May 2025', false, 'Cần kiểm tra'),
('2025-04-30', 'holiday', 'Ngày Chiến thắng', 'Reunification Day', true, null),
('2025-05-01', 'holiday', 'Ngày Quốc tế Lao động', 'International Workers'' Day', true, null),
('2025-05-02', 'holiday', 'Nghỉ hoán đổi (30/4 – 1/5)', 'Swapped day off', false, 'Hoán đổi với thứ Bảy 26/4/2025: cần kiểm tra'),
('2025-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)', true, null),
('2025-09-02', 'holiday', 'Quốc khánh', 'National Day', true, null),
('2026-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day', true, null),
('2026-02-16', 'holiday', 'Tết Nguyên đán (29 tháng Chạp)', 'Lunar New Year''s Eve', false, 'Lịch nghỉ Tết 2026 cần kiểm tra'),
('2026-02-17', 'holiday', 'Tết Nguyên đán (mùng 1)', 'Lunar New Year', false, 'Cần kiểm tra'),
('2026-02-18', 'holiday', 'Tết Nguyên đán (mùng 2)', 'Lunar New Year', false, 'Cần kiểm tra'),
('2026-02-19', 'holiday', 'Tết Nguyên đán (mùng 3)', 'Lunar New Year', false, 'Cần kiểm tra'),
('2026-02-20', 'holiday', 'Tết Nguyên đán (mùng 4)', 'Lunar New Year', false, 'Cần kiểm tra'),
('2026-04-27', 'holiday', 'Giỗ Tổ Hùng Vương (nghỉ bù cho Chủ nhật 26/4)', 'Hung Kings'' Commemoration (in lieu)', false, 'Cần kiểm tra'),
('2026-04-30', 'holiday', 'Ngày Chiến thắng', 'Reunification Day', true, null),
('2026-05-01', 'holiday', 'Ngày Quốc tế Lao động', 'International Workers'' Day', true, null),
('2026-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)', false, 'Ngày liền kề cần kiểm tra'),
('2026-09-02', 'holiday', 'Quốc khánh', 'National Day', true, null),
('2027-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day', true, null),
('2027-02-04', 'holiday', 'Tết Nguyên đán (dự kiến)', 'Lunar New Year (expected)', false, 'Lịch nghỉ Tết 2027 chưa công bố: cần kiểm tra'),
('2027-02-05', 'holiday', 'Tết Nguyên đán (dự kiến)', 'Lunar New Year (expected)', false, 'Cần kiểm tra'),
('2027-02-08', 'holiday', 'Tết Nguyên đán (dự kiến)', 'Lunar New Year (expected)', false, 'Cần kiểm tra'),
('2027-02-09', 'holiday', 'Tết Nguyên đán (dự kiến)', 'Lunar New Year (expected)', false, 'Cần kiểm tra'),
('2027-02-10', 'holiday', 'Tết Nguyên đán (dự kiến)', 'Lunar New Year (expected)', false, 'Cần kiểm tra'),
('2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hung Kings'' Commemoration', false, 'Cần kiểm tra'),
('2027-04-30', 'holiday', 'Ngày Chiến thắng', 'Reunification Day', true, null),
('2027-05-03', 'holiday', 'Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 01/5)', 'Workers'' Day (in lieu)', false, 'Cần kiểm tra'),
('2027-09-02', 'holiday', 'Quốc khánh', 'National Day', true, null),
('2027-09-03', 'holiday', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)', false, 'Ngày liền kề cần kiểm tra');

-- ---------------------------------------------------------------- submissions
create table submissions (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('crime_report','security_feedback','conduct_feedback','complaint','denunciation')),
  channel text not null check (channel in ('web','walk_in','phone','letter','forum','other')),
  status text not null default 'received'
    check (status in ('received','accepted','in_progress','suspended','closed','merged')),
  sub_status text,
  -- the unit handling the item now (scope), the commune of the place, and the province (fact tables carry it)
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  place_unit_id bigint references org_units(id),
  area_id bigint references org_units(id),
  place_text text,
  occurred_on date,
  occurred_time text,
  title text,
  content text not null,
  received_at timestamptz not null default now(),
  received_on date not null default current_date,
  -- HMAC of the receipt code with a key the database does not hold; null for items without one
  code_hash text unique,
  -- idempotency: keyed hash of the client's key, and the receipt code sealed with a key derived from it
  -- (only the client holding the key can open it again; cleared after a day)
  idem_hash text unique,
  idem_box text,
  anonymous boolean not null default true,
  -- name, phone, ID number, address: AES-GCM with the vault key (never in clear in the database)
  identity_sealed text,
  wants_protection boolean not null default false,
  concerned_officer_id bigint references users(id),
  concerned_officer_text text,
  concerned_unit_id bigint references org_units(id),
  assignee_id bigint references users(id),
  forum_id bigint,
  merged_into_id bigint references submissions(id),
  -- the clock: the rule running now and its state (deadline recomputed from decisions by clock.ts)
  rule_code text references deadline_rules(code),
  clock_started_on date,
  is_complex boolean not null default false,
  is_remote boolean not null default false,
  due_on date,
  paused boolean not null default false,
  closed_at timestamptz,
  closed_on date,
  closed_on_time boolean,
  outcome text,
  outcome_note text,
  rating smallint check (rating between 1 and 5),
  rating_comment text,
  rated_at timestamptz,
  transferred_at timestamptz,
  language text not null default 'vi',
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index submissions_unit_received on submissions (unit_id, received_at desc, id desc);
create index submissions_province_received on submissions (province_id, received_at desc, id desc);
create index submissions_open_due on submissions (due_on) where status not in ('closed','merged');
create index submissions_assignee on submissions (assignee_id) where assignee_id is not null;
create index submissions_concerned on submissions (concerned_officer_id) where concerned_officer_id is not null;
create index submissions_forum on submissions (forum_id) where forum_id is not null;
create index submissions_search on submissions using gin (search_norm(coalesce(title, '') || ' ' || content) gin_trgm_ops);

-- Copies for information (the person sees it in "copied to me" and is notified), and links between items.
create table submission_watchers (
  submission_id bigint not null references submissions(id),
  user_id bigint not null references users(id),
  added_by bigint references users(id),
  added_at timestamptz not null default now(),
  primary key (submission_id, user_id)
);

create table submission_links (
  a_id bigint not null references submissions(id),
  b_id bigint not null references submissions(id),
  kind text not null default 'related' check (kind in ('related','duplicate')),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  primary key (a_id, b_id),
  check (a_id < b_id)
);

-- Conversation: public replies and questions (the citizen sees them), the citizen's answers and additions,
-- and internal notes (never shown to the citizen).
create table submission_messages (
  id bigint generated always as identity primary key,
  submission_id bigint not null references submissions(id),
  author text not null check (author in ('citizen','officer')),
  visibility text not null check (visibility in ('public','internal')),
  kind text not null default 'message' check (kind in ('message','question','answer','note','info')),
  body text not null,
  author_id bigint references users(id),
  created_at timestamptz not null default now()
);
create index submission_messages_item on submission_messages (submission_id, id);

-- Attachments are bounded (size and count) and kept in the database so that a submission is stored whole
-- or not at all. Photos are re-encoded without metadata before they are stored.
create table submission_attachments (
  id bigint generated always as identity primary key,
  submission_id bigint not null references submissions(id),
  message_id bigint references submission_messages(id),
  author text not null check (author in ('citizen','officer')),
  visibility text not null default 'public' check (visibility in ('public','internal')),
  file_name text not null,
  mime text not null check (mime in ('image/jpeg','image/png','image/webp','application/pdf')),
  size int not null,
  sha256 text not null,
  data bytea not null,
  created_at timestamptz not null default now()
);
create index submission_attachments_item on submission_attachments (submission_id);

-- Timeline of what happened to an item (assignment, transfer, status, decisions...), for officers.
create table submission_events (
  id bigint generated always as identity primary key,
  submission_id bigint not null references submissions(id),
  at timestamptz not null default now(),
  actor_id bigint references users(id),
  kind text not null,
  from_unit_id bigint references org_units(id),
  to_unit_id bigint references org_units(id),
  data jsonb,
  reason text
);
create index submission_events_item on submission_events (submission_id, id);

-- Recorded decisions that move the clock: extension, suspension, resumption, complexity, acceptance.
create table submission_decisions (
  id bigint generated always as identity primary key,
  submission_id bigint not null references submissions(id),
  kind text not null check (kind in ('extension','suspension','resumption','complexity','acceptance')),
  decided_on date not null,
  decision_ref text,
  decided_by text,
  amount int,
  amount_unit text check (amount_unit in ('days','months')),
  reason text,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index submission_decisions_item on submission_decisions (submission_id, id);

-- Reply templates (global when unit_id is null).
create table submission_reply_templates (
  id bigint generated always as identity primary key,
  unit_id bigint references org_units(id),
  kind text,
  title text not null,
  body text not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
insert into submission_reply_templates (title, body) values
('Xác nhận đã tiếp nhận', 'Công an đã tiếp nhận thông tin của bạn và đang kiểm tra, xác minh. Chúng tôi sẽ thông báo kết quả qua mã tra cứu này. Cảm ơn bạn đã cung cấp thông tin.'),
('Đề nghị cung cấp thêm thông tin', 'Để xác minh, đề nghị bạn cho biết thêm: thời gian, địa điểm cụ thể và những người liên quan (nếu biết). Bạn có thể trả lời và gửi thêm ảnh bằng mã tra cứu.'),
('Thông báo kết quả', 'Công an đã xác minh và xử lý thông tin bạn cung cấp. Cảm ơn bạn đã chung tay bảo vệ an ninh, trật tự. Bạn có thể đánh giá việc giải quyết bằng mã tra cứu.'),
('Không thuộc thẩm quyền', 'Nội dung bạn gửi không thuộc thẩm quyền giải quyết của đơn vị. Chúng tôi đã chuyển đến cơ quan có thẩm quyền theo quy định.');

-- Saved inbox filters, per user.
create table submission_saved_filters (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  name text not null,
  filters jsonb not null,
  created_at timestamptz not null default now()
);
create index submission_saved_filters_user on submission_saved_filters (user_id);

-- In-app notifications of the citizen channel (new item, assignment, copy, daily reminders). They carry the
-- item's reference and kind only, never content or identity.
create table submission_notifications (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  submission_id bigint references submissions(id),
  kind text not null,
  title_vi text not null,
  title_en text not null,
  created_at timestamptz not null default now(),
  day date not null default current_date,
  read_at timestamptz,
  emailed_at timestamptz
);
create index submission_notifications_user on submission_notifications (user_id, id desc);
create unique index submission_notifications_daily on submission_notifications (user_id, submission_id, kind, day);

-- Crime-method warnings (cảnh báo thủ đoạn tội phạm) a unit publishes for its area.
create table crime_warnings (
  id bigint generated always as identity primary key,
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  title text not null,
  body text not null,
  status text not null default 'published' check (status in ('draft','published','withdrawn')),
  published_on date not null default current_date,
  expires_on date,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index crime_warnings_province on crime_warnings (province_id, published_on desc);
create index crime_warnings_unit on crime_warnings (unit_id, published_on desc);
