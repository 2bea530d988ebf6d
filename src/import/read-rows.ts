/**
 * Reads an import file as a stream of rows with their line numbers, in constant memory:
 * CSV through iconv-lite (the encoding given, or detected from a BOM or by chardet on the first
 * 64 KiB) into csv-parse; XLSX through exceljs's streaming WorkbookReader (first worksheet).
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from "node:fs";
import { extname } from "node:path";
import { Transform, type Readable } from "node:stream";
import iconv from "iconv-lite";
import chardet from "chardet";
import { parse } from "csv-parse";
import type ExcelJS from "exceljs";
import { ImportProblem } from "./row-error.js";

export const ENCODINGS = ["utf8", "utf16le", "utf16be", "gbk", "euc-kr"] as const;
export type Encoding = (typeof ENCODINGS)[number];

export type RawRow = {
  /** Line (CSV, 1-based, where the record starts) or row number (XLSX) as a spreadsheet shows it. */
  line: number;
  cells: string[];
};

export type RowSource = {
  headers: string[];
  encoding: Encoding | "xlsx";
  rows: AsyncIterable<RawRow>;
  /** Bytes of the file consumed so far (for progress), and the file size. */
  bytesRead(): number;
  size: number;
};

/** Detects the encoding of a CSV sample: BOM first, then chardet, defaulting to UTF-8. */
export function detectEncoding(sample: Uint8Array): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf16be";
  // Valid UTF-8 is by far the most likely; chardet sometimes names a legacy code page for short ASCII-heavy samples.
  if (isValidUtf8(sample)) return "utf8";
  const guesses = chardet.analyse(sample);
  for (const guess of guesses) {
    const name = guess.name.toLowerCase();
    if (name === "gb18030" || name === "gbk" || name === "gb2312") return "gbk";
    if (name === "euc-kr" || name === "iso-2022-kr") return "euc-kr";
    if (name === "big5") break;
    if (name === "utf-16le") return "utf16le";
    if (name === "utf-16be") return "utf16be";
  }
  // Between the two CJK double-byte code pages, Hangul syllables decode cleanly only from EUC-KR.
  return looksLikeEucKr(sample) ? "euc-kr" : "gbk";
}

function isValidUtf8(sample: Uint8Array): boolean {
  // A sample cut mid-character is still UTF-8: ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < sample.length; cut++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

function looksLikeEucKr(sample: Uint8Array): boolean {
  const text = iconv.decode(Buffer.from(sample), "euc-kr");
  const hangul = (text.match(/\p{Script=Hangul}/gu) ?? []).length;
  const han = (iconv.decode(Buffer.from(sample), "gbk").match(/\p{Script=Han}/gu) ?? []).length;
  return hangul > 0 && hangul >= han / 2;
}

function readSample(path: string, bytes = 64 * 1024): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export function isSpreadsheet(path: string): boolean {
  return extname(path).toLowerCase() === ".xlsx";
}

export async function openRows(path: string, options: { encoding?: Encoding } = {}): Promise<RowSource> {
  const size = statSync(path).size;
  let consumed = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      consumed += chunk.length;
      callback(null, chunk);
    },
  });
  const file = createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(counter);
  if (isSpreadsheet(path)) return openXlsx(file, size, () => consumed);
  const encoding = options.encoding ?? detectEncoding(readSample(path));
  // iconv-lite strips a BOM by default for utf8 and utf16.
  const decoded = file.pipe(iconv.decodeStream(encoding === "utf16be" ? "utf16-be" : encoding));
  const parser = decoded.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next();
  if (first.done) throw new ImportProblem("import.file.empty", { path });
  const headers = first.value.record.map((cell) => cell.trim());
  async function* rows(): AsyncIterable<RawRow> {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      // info.lines is the line where the record ENDS (multi-line quoted cells); report where it starts.
      const record = next.value.record;
      const newlines = record.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);
      yield { line: next.value.info.lines - newlines, cells: record };
    }
  }
  return { headers, encoding, rows: rows(), bytesRead: () => consumed, size };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
    return String(value);
  }
  return String(value);
}

async function openXlsx(stream: Readable, size: number, bytesRead: () => number): Promise<RowSource> {
  // exceljs is loaded on first use: it costs every process start-up time and memory otherwise.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.stream.xlsx.WorkbookReader(stream, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  } as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions);
  const sheets = workbook[Symbol.asyncIterator]();
  const sheet = await sheets.next();
  if (sheet.done) throw new ImportProblem("import.file.noWorksheet");
  const rowIterator = (sheet.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  let headerRow = await rowIterator.next();
  while (!headerRow.done && rowValues(headerRow.value).every((cell) => cell.trim() === "")) headerRow = await rowIterator.next();
  if (headerRow.done) throw new ImportProblem("import.file.emptyWorksheet");
  const headers = rowValues(headerRow.value).map((cell) => cell.trim());
  async function* rows(): AsyncIterable<RawRow> {
    for (let next = await rowIterator.next(); !next.done; next = await rowIterator.next()) {
      const cells = rowValues(next.value);
      if (cells.every((cell) => cell.trim() === "")) continue;
      yield { line: next.value.number, cells };
    }
    // Drain the remaining worksheets so the underlying stream closes.
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      for await (const _row of next.value as AsyncIterable<ExcelJS.Row>) void _row;
    }
  }
  return { headers, encoding: "xlsx", rows: rows(), bytesRead, size };
}

function rowValues(row: ExcelJS.Row): string[] {
  // row.values is 1-based with a hole at index 0.
  const values = row.values as ExcelJS.CellValue[];
  const cells: string[] = [];
  for (let index = 1; index < values.length; index++) cells.push(cellText(values[index]));
  return cells;
}
