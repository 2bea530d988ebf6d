/** The quote document as an XLSX workbook (exceljs): amounts stay numbers, formatted in the quote's currency. */
import { minorUnitDigits } from "../core/money/index.js";
import type { QuoteDocument } from "./quote-document.js";

export async function quoteXlsx(document: QuoteDocument): Promise<Uint8Array> {
  // exceljs is loaded on first use: it costs every process start-up time and memory otherwise.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = document.company;
  workbook.title = document.title;
  const sheet = workbook.addWorksheet(document.sheetName);
  const digits = minorUnitDigits(document.currency);
  const moneyFormat = `#,##0${digits ? `.${"0".repeat(digits)}` : ""} "${document.currency}"`;
  sheet.columns = [{ width: 16 }, { width: 40 }, { width: 10 }, { width: 16 }, { width: 12 }, { width: 18 }];

  sheet.addRow([document.company]).font = { bold: true, size: 14 };
  sheet.addRow([document.heading]).font = { bold: true, size: 12 };
  sheet.addRow([]);
  sheet.addRow([document.customerLabel, document.customer]);
  for (const fact of document.facts) sheet.addRow([fact.label, fact.value]);
  sheet.addRow([]);

  const header = sheet.addRow([document.columns.sku, document.columns.description, document.columns.quantity, document.columns.unitPrice, document.columns.discount, document.columns.amount]);
  header.font = { bold: true };
  for (const line of document.lines) {
    const row = sheet.addRow([line.sku, line.description, line.quantity, Number(line.unitPriceDecimal), line.discountFraction || null, Number(line.amountDecimal)]);
    row.getCell(4).numFmt = moneyFormat;
    row.getCell(5).numFmt = "0.##%";
    row.getCell(6).numFmt = moneyFormat;
  }
  sheet.addRow([]);
  for (const total of document.totals) {
    const row = sheet.addRow([null, null, null, null, total.label, Number(total.decimal)]);
    row.getCell(6).numFmt = moneyFormat;
    if (total.strong) row.font = { bold: true };
  }
  sheet.addRow([]);
  for (const note of document.notes) sheet.addRow([note.label, note.value]);
  sheet.addRow([document.footer]);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
