export * from "./official-docx.ts";
export * from "./pdf.ts";
