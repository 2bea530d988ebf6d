/**
 * Writes an export table as CSV (csv-stringify, UTF-8 with a BOM so Excel opens CJK text
 * correctly) or XLSX (exceljs streaming WorkbookWriter), row by row with back-pressure, so a
 * large tenant streams to a file or standard output in constant memory.
 */
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type { ExportTable } from "../core/reports.js";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Numbers stay numbers in XLSX when the cell is a plain decimal (money, counts). */
const DECIMAL = /^-?\d{1,15}(\.\d+)?$/;

export async function writeTable(table: ExportTable, format: ExportFormat, out: Writable, options: { sheetName?: string } = {}): Promise<number> {
  let count = 0;
  if (format === "csv") {
    const csv = stringify({ header: true, columns: table.columns, bom: true, cast: { number: (value) => String(value) } });
    const done = pipeline(csv, out, { end: out !== process.stdout });
    for await (const row of table.rows) {
      count++;
      if (!csv.write(row.map((cell) => cell ?? ""))) await once(csv, "drain");
    }
    csv.end();
    await done;
    return count;
  }
  // The workbook writer needs a stream it may end; standard output must stay open.
  const sink = new PassThrough();
  const done = pipeline(sink, out, { end: out !== process.stdout });
  // exceljs is loaded on first use: it costs every process start-up time and memory otherwise.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(options.sheetName ?? "Export");
  sheet.columns = table.columns.map((header) => ({ header, key: header, width: Math.max(10, Math.min(40, header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of table.rows) {
    count++;
    sheet.addRow(row.map((cell) => (typeof cell === "string" && DECIMAL.test(cell) && !/^0\d/.test(cell) ? Number(cell) : cell))).commit();
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return count;
}

/** Collects an export into memory (chat uploads), refusing past `maxBytes`; `sheetName` names the XLSX sheet for its reader. */
export async function tableToBuffer(
  table: ExportTable,
  format: ExportFormat,
  { maxBytes = 50 * 1024 * 1024, sheetName }: { maxBytes?: number; sheetName?: string } = {},
): Promise<{ data: Uint8Array; rows: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) sink.destroy(new Error(`The export is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; use rapport export on the server instead.`));
    else chunks.push(chunk);
  });
  const rows = await writeTable(table, format, sink, { sheetName });
  return { data: new Uint8Array(Buffer.concat(chunks)), rows };
}
