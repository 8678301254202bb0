/**
 * Placeholder for the public citizen page (/cong-dan). The citizen-channel module replaces this
 * file. It must stay free of antd: plain HTML and a little CSS only.
 */
export default function PublicApp() {
  return (
    <main
      style={{ maxWidth: 720, margin: "0 auto", padding: "24px 16px", fontFamily: "system-ui, sans-serif" }}
    >
      <h1>Gửi tin báo, phản ánh</h1>
      <p>Kênh tiếp nhận tin báo, phản ánh của người dân đang được xây dựng.</p>
    </main>
  );
}
