-- The built-in report template stated no figure: its prose said "see the attached table" and the table
-- named no indicator, so the report a commune files from it was empty. It now states the unit's figures
-- for the period in prose, with last year's in words, and a table by child unit. A template an
-- administrator has edited already is left as it is.
update report_templates
set sections = '[
  {
    "kind": "paragraph",
    "text": "Thực hiện chương trình công tác {period.label}, {unit.name} báo cáo kết quả công tác xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc như sau:"
  },
  {
    "kind": "heading",
    "text": "I. KẾT QUẢ ĐẠT ĐƯỢC"
  },
  {
    "kind": "heading",
    "text": "1. Công tác tuyên truyền, vận động quần chúng"
  },
  {
    "kind": "paragraph",
    "text": "Trong {period.label}, {unit.name} đã tổ chức {movement.activities.count} hoạt động tuyên truyền, vận động quần chúng nhân dân ({movement.activities.count.diff_words} so với cùng kỳ), thu hút {movement.activities.participants} lượt người tham gia; tổ chức {movement.forums.count} diễn đàn “Công an lắng nghe ý kiến Nhân dân”, tiếp nhận {movement.forums.opinions} ý kiến, đã giải quyết xong {movement.forums.opinions_handled} ý kiến."
  },
  {
    "kind": "heading",
    "text": "2. Xây dựng, nhân rộng mô hình tự quản về an ninh, trật tự"
  },
  {
    "kind": "paragraph",
    "text": "Đến cuối kỳ có {movement.models.count} mô hình đang duy trì ({movement.models.count.diff_words} so với cùng kỳ), trong đó {movement.models.new} mô hình mới ra mắt trong kỳ, thu hút {movement.models.members} người tham gia; {movement.pledges.households_signed} hộ gia đình ký cam kết không vi phạm pháp luật."
  },
  {
    "kind": "heading",
    "text": "3. Tiếp nhận, giải quyết tố giác, tin báo, phản ánh của Nhân dân"
  },
  {
    "kind": "paragraph",
    "text": "Tiếp nhận {submissions.received} tố giác, tin báo, phản ánh, kiến nghị, khiếu nại, tố cáo ({submissions.received.diff_words} so với cùng kỳ), trong đó {submissions.received.crime_report} tố giác, tin báo về tội phạm và {submissions.valuable_tips} tin có giá trị. Tỷ lệ giải quyết đúng hạn: {submissions.on_time_pct}%; mức hài lòng trung bình của người dân: {submissions.satisfaction_avg} điểm (thang 5 điểm). Hiện còn {submissions.open_now} vụ việc đang giải quyết, trong đó {submissions.overdue_now} vụ việc quá hạn."
  },
  {
    "kind": "heading",
    "text": "4. Vận động Nhân dân giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ"
  },
  {
    "kind": "paragraph",
    "text": "Vận động Nhân dân giao nộp {movement.weapons.guns} khẩu súng các loại ({movement.weapons.guns.diff_words} so với cùng kỳ), {movement.weapons.ammunition} viên đạn và {movement.weapons.support_tools} công cụ hỗ trợ."
  },
  {
    "kind": "paragraph",
    "text": "Số liệu theo từng đơn vị tại Bảng 1 dưới đây."
  },
  {
    "kind": "table",
    "caption": "Bảng 1. Kết quả theo đơn vị",
    "codes": [
      "movement.activities.count",
      "movement.activities.participants",
      "movement.forums.count",
      "movement.models.count",
      "submissions.received",
      "submissions.valuable_tips",
      "movement.weapons.guns"
    ]
  },
  {
    "kind": "contained_reports"
  },
  {
    "kind": "heading",
    "text": "II. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"
  },
  {
    "kind": "paragraph",
    "text": "Tiếp tục đẩy mạnh công tác tuyên truyền, vận động quần chúng nhân dân tham gia phong trào Toàn dân bảo vệ an ninh Tổ quốc; duy trì, nhân rộng các mô hình tự quản hoạt động hiệu quả; giải quyết đúng hạn các tố giác, tin báo, phản ánh của Nhân dân."
  }
]'::jsonb
where name = 'Báo cáo kết quả phong trào Toàn dân bảo vệ ANTQ'
  and sections = '[{"kind":"paragraph","text":"Thực hiện chương trình công tác {period.label}, {unit.name} báo cáo kết quả công tác xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc như sau:"},
    {"kind":"heading","text":"I. KẾT QUẢ ĐẠT ĐƯỢC"},
    {"kind":"paragraph","text":"Số liệu chi tiết theo từng đơn vị tại bảng kèm theo."},
    {"kind":"table","caption":"Bảng 1. Kết quả theo đơn vị","codes":[]},
    {"kind":"contained_reports"},
    {"kind":"heading","text":"II. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"},
    {"kind":"paragraph","text":"Tiếp tục đẩy mạnh công tác tuyên truyền, vận động quần chúng nhân dân tham gia phong trào Toàn dân bảo vệ an ninh Tổ quốc."}]'::jsonb;
