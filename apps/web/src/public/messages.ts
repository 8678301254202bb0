/** Texts of the public citizen page, Vietnamese first, English second. */
export type Lang = "vi" | "en";

export const M = {
  title: { vi: "Gửi tin báo, phản ánh đến Công an", en: "Report to the police" },
  subtitle: {
    vi: "Kênh tiếp nhận tố giác tội phạm, phản ánh về an ninh, trật tự, góp ý về cán bộ, khiếu nại, tố cáo. Bạn có thể gửi ẩn danh.",
    en: "Report a crime, give feedback on security and order or on an officer, file a complaint or a denunciation. You may stay anonymous.",
  },
  tabSubmit: { vi: "Gửi tin", en: "Report" },
  tabFollow: { vi: "Tra cứu bằng mã", en: "Follow up with a code" },
  tabWarnings: { vi: "Cảnh báo thủ đoạn", en: "Crime warnings" },
  kind: { vi: "Bạn muốn gửi", en: "What are you sending?" },
  province: { vi: "Tỉnh, thành phố", en: "Province or city" },
  commune: { vi: "Xã, phường, đặc khu", en: "Commune or ward" },
  area: { vi: "Thôn, tổ dân phố (không bắt buộc)", en: "Village or residential group (optional)" },
  choose: { vi: "— Chọn —", en: "— Choose —" },
  address: { vi: "Địa điểm cụ thể (không bắt buộc)", en: "Exact place (optional)" },
  occurredOn: { vi: "Ngày xảy ra (không bắt buộc)", en: "Date it happened (optional)" },
  datePlaceholder: { vi: "ngày/tháng/năm, ví dụ 05/03/2025", en: "dd/mm/yyyy, e.g. 05/03/2025" },
  badDate: {
    vi: "Ngày xảy ra không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2025.",
    en: "The date is not valid: type it as dd/mm/yyyy, e.g. 05/03/2025.",
  },
  occurredTime: { vi: "Giờ (không bắt buộc)", en: "Time (optional)" },
  content: { vi: "Nội dung sự việc", en: "What happened" },
  contentHint: {
    vi: "Mô tả sự việc: ai, làm gì, ở đâu, khi nào. Tối thiểu 10 ký tự.",
    en: "Describe who did what, where and when. At least 10 characters.",
  },
  officer: {
    vi: "Cán bộ được góp ý (tên, chức vụ hoặc đặc điểm, nếu biết)",
    en: "The officer (name, position or description, if known)",
  },
  files: { vi: "Ảnh, tệp PDF (tối đa 5 tệp, mỗi tệp 5 MB)", en: "Photos, PDF files (at most 5, 5 MB each)" },
  filesNote: {
    vi: "Thông tin vị trí (GPS) trong ảnh sẽ được xóa trước khi lưu.",
    en: "Location (GPS) data in photos is removed before storage.",
  },
  anonymous: { vi: "Gửi ẩn danh (không cần cung cấp họ tên)", en: "Send anonymously (no name needed)" },
  identified: {
    vi: "Cung cấp họ tên và số điện thoại để công an liên hệ",
    en: "Give my name and phone so the police can contact me",
  },
  identityNote: {
    vi: "Họ tên, số điện thoại của bạn được mã hóa và chỉ người có thẩm quyền được xem khi cần thiết; mỗi lần xem đều được ghi lại.",
    en: "Your name and phone are encrypted; only an authorised officer may see them when needed, and each view is recorded.",
  },
  name: { vi: "Họ và tên", en: "Full name" },
  phone: { vi: "Số điện thoại", en: "Phone number" },
  idNumber: { vi: "Số định danh cá nhân (không bắt buộc)", en: "Personal ID number (optional)" },
  homeAddress: { vi: "Nơi cư trú (không bắt buộc)", en: "Home address (optional)" },
  protection: { vi: "Tôi đề nghị được giữ bí mật, bảo vệ", en: "I ask for confidentiality and protection" },
  send: { vi: "Gửi", en: "Send" },
  sending: { vi: "Đang kiểm tra và gửi…", en: "Checking and sending…" },
  retry: { vi: "Gửi lại", en: "Try again" },
  sentTitle: { vi: "Đã gửi thành công", en: "Sent" },
  sentRef: { vi: "Số tiếp nhận", en: "Reference" },
  codeLabel: { vi: "Mã tra cứu của bạn", en: "Your follow-up code" },
  codeWarning: {
    vi: "Hãy ghi lại mã này ngay. Mã chỉ hiện một lần và không thể cấp lại. Dùng mã để xem kết quả, trả lời câu hỏi của công an và bổ sung thông tin.",
    en: "Write this code down now. It is shown only once and cannot be recovered. Use it to see the outcome, answer the officer's questions and add information.",
  },
  copy: { vi: "Sao chép mã", en: "Copy code" },
  copied: { vi: "Đã sao chép", en: "Copied" },
  followNow: { vi: "Tra cứu bằng mã này", en: "Follow up with this code" },
  another: { vi: "Gửi tin khác", en: "Send another" },
  enterCode: { vi: "Nhập mã tra cứu (16 ký tự)", en: "Enter your code (16 characters)" },
  lookUp: { vi: "Tra cứu", en: "Look up" },
  status: { vi: "Tình trạng", en: "Status" },
  handledBy: { vi: "Đơn vị xử lý", en: "Handled by" },
  receivedAt: { vi: "Ngày tiếp nhận", en: "Received on" },
  dueOn: { vi: "Hạn giải quyết", en: "Due by" },
  outcome: { vi: "Kết quả", en: "Outcome" },
  conversation: { vi: "Trao đổi với công an", en: "Conversation with the police" },
  noMessages: { vi: "Chưa có trao đổi nào.", en: "No messages yet." },
  you: { vi: "Bạn", en: "You" },
  police: { vi: "Công an", en: "Police" },
  question: { vi: "Câu hỏi", en: "Question" },
  awaiting: {
    vi: "Công an đang chờ bạn trả lời câu hỏi bên dưới.",
    en: "The police are waiting for your answer below.",
  },
  answer: { vi: "Trả lời hoặc bổ sung thông tin", en: "Answer or add information" },
  sendAnswer: { vi: "Gửi trả lời", en: "Send answer" },
  answerSent: { vi: "Đã gửi thông tin bổ sung.", en: "Your information was sent." },
  rate: { vi: "Đánh giá việc giải quyết", en: "Rate the handling" },
  rateComment: { vi: "Nhận xét (không bắt buộc)", en: "Comment (optional)" },
  sendRating: { vi: "Gửi đánh giá", en: "Send rating" },
  thanks: { vi: "Cảm ơn bạn đã đánh giá.", en: "Thank you for your rating." },
  yourRating: { vi: "Bạn đã đánh giá", en: "Your rating" },
  warningsFor: { vi: "Xem cảnh báo của địa bàn", en: "Warnings for the area" },
  noWarnings: { vi: "Chưa có cảnh báo nào cho địa bàn này.", en: "No warnings for this area yet." },
  latestWarnings: {
    vi: "Cảnh báo mới nhất trên cả nước; chọn tỉnh, xã để xem cảnh báo của nơi mình ở.",
    en: "The latest warnings nationwide; choose a province and commune to see those for your area.",
  },
  fileTooBig: { vi: "Tệp quá lớn (tối đa 5 MB).", en: "File too large (5 MB at most)." },
  fileType: { vi: "Chỉ nhận ảnh JPEG, PNG, WebP hoặc PDF.", en: "Only JPEG, PNG, WebP photos or PDF." },
  tooManyFiles: { vi: "Tối đa 5 tệp.", en: "At most 5 files." },
  required: { vi: "Vui lòng điền mục này.", en: "Please fill this in." },
  network: {
    vi: "Không kết nối được máy chủ. Kiểm tra mạng rồi bấm Gửi lại: tin sẽ không bị gửi trùng.",
    en: "Cannot reach the server. Check the network and press Try again: nothing will be sent twice.",
  },
  emergency: { vi: "Trường hợp khẩn cấp, hãy gọi 113.", en: "In an emergency, call 113." },
} satisfies Record<string, Record<Lang, string>>;

export type Key = keyof typeof M;

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = iso.length > 10 ? new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10) : iso;
  const [y, m, day] = d.split("-");
  return `${day}/${m}/${y}`;
}
