/**
 * The quote document as an A4 PDF (pdfkit). Fonts come with the npm dependencies, as for charts:
 * Noto Sans for Latin, Greek and Cyrillic, Noto Sans SC for Chinese (Simplified and Traditional)
 * and Noto Sans KR for Hangul. pdfkit embeds only the glyphs a document uses (a subset), so a
 * Chinese quote stays tens of kilobytes although Noto Sans SC is 10 MB. pdfkit has no per-glyph
 * fallback: each text run takes the one font that covers its script.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { QuoteDocument } from "./quote-document.js";

type FontName = "latin" | "han" | "hangul";

const HANGUL = /\p{Script=Hangul}/u;
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;

let fonts: Record<FontName, Buffer> | undefined;
function bundledFonts(): Record<FontName, Buffer> {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    fonts = {
      latin: readFileSync(require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf")),
      han: readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf")),
      hangul: readFileSync(require.resolve("@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf")),
    };
  }
  return fonts;
}

/** Noto Sans KR also has Latin and the common Hanja; Noto Sans SC has Latin and both Chinese scripts. */
export function fontFor(text: string): FontName {
  if (HANGUL.test(text)) return "hangul";
  return HAN.test(text) ? "han" : "latin";
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const GREY = "#555555";
const RULE = "#cccccc";

export async function quotePdf(document: QuoteDocument): Promise<Uint8Array> {
  const files = bundledFonts();
  // pdfkit (and its font engine) is loaded on first use: it costs every process start-up time and memory otherwise.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    info: { Title: document.title, Author: document.company, Subject: document.customer },
    lang: document.locale,
    autoFirstPage: true,
  });
  const used = new Set<FontName>();
  const use = (text: string, size: number) => {
    const name = fontFor(text);
    if (!used.has(name)) {
      doc.registerFont(name, files[name]);
      used.add(name);
    }
    return doc.font(name).fontSize(size);
  };
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });

  const left = PAGE.margin;
  const right = PAGE.width - PAGE.margin;
  const width = right - left;

  // Header: the company, and what this document is.
  use(document.company, 18).fillColor("black").text(document.company, left, PAGE.margin, { width: width * 0.6 });
  use(document.heading, 20).text(document.heading, left + width * 0.6, PAGE.margin, { width: width * 0.4, align: "right" });
  let y = Math.max(doc.y, PAGE.margin + 30) + 12;

  // The customer on the left, the quote's facts on the right.
  use(document.customerLabel, 9).fillColor(GREY).text(document.customerLabel, left, y, { width: width * 0.5 });
  use(document.customer, 12).fillColor("black").text(document.customer, left, doc.y + 2, { width: width * 0.5 });
  const customerBottom = doc.y;
  let factY = y;
  for (const fact of document.facts) {
    use(fact.label, 9).fillColor(GREY).text(fact.label, left + width * 0.55, factY, { width: width * 0.2 });
    use(fact.value, 9).fillColor("black").text(fact.value, left + width * 0.75, factY, { width: width * 0.25, align: "right" });
    factY = Math.max(doc.y, factY + 12) + 2;
  }
  y = Math.max(customerBottom, factY) + 18;

  // Lines.
  const columns = [
    { key: "sku", width: 0.14, align: "left" },
    { key: "description", width: 0.32, align: "left" },
    { key: "quantity", width: 0.08, align: "right" },
    { key: "unitPrice", width: 0.16, align: "right" },
    { key: "discount", width: 0.1, align: "right" },
    { key: "amount", width: 0.2, align: "right" },
  ] as const;
  const cellX = (index: number) => left + columns.slice(0, index).reduce((sum, column) => sum + column.width * width, 0);
  const drawRow = (cells: readonly string[], size: number, color: string) => {
    const heights = cells.map((cell, index) => use(cell, size).heightOfString(cell || " ", { width: columns[index]!.width * width - 6 }));
    const height = Math.max(...heights) + 6;
    if (y + height > PAGE.height - PAGE.margin - 20) {
      doc.addPage();
      y = PAGE.margin;
    }
    cells.forEach((cell, index) => {
      const column = columns[index]!;
      use(cell, size).fillColor(color).text(cell, cellX(index) + (column.align === "right" ? 0 : 3), y + 3, { width: column.width * width - 6, align: column.align, lineBreak: true });
    });
    y += height;
    doc.moveTo(left, y).lineTo(right, y).strokeColor(RULE).lineWidth(0.5).stroke();
  };
  const header = columns.map((column) => document.columns[column.key]);
  drawRow(header, 9, GREY);
  for (const line of document.lines) {
    drawRow([line.sku, line.description, String(line.quantity), line.unitPrice, line.discount, line.amount], 9, "black");
  }

  // Totals, right-aligned under the amounts.
  y += 8;
  for (const total of document.totals) {
    const size = total.strong ? 12 : 10;
    if (y + 20 > PAGE.height - PAGE.margin) {
      doc.addPage();
      y = PAGE.margin;
    }
    use(total.label, size).fillColor(total.strong ? "black" : GREY).text(total.label, left + width * 0.45, y, { width: width * 0.3, align: "right" });
    use(total.value, size).fillColor("black").text(total.value, left + width * 0.75, y, { width: width * 0.25, align: "right" });
    y = Math.max(doc.y, y + size + 4) + 4;
  }

  // Terms and notes, then the validity line.
  y += 16;
  for (const note of document.notes) {
    if (y + 40 > PAGE.height - PAGE.margin) {
      doc.addPage();
      y = PAGE.margin;
    }
    use(note.label, 9).fillColor(GREY).text(note.label, left, y, { width });
    use(note.value, 10).fillColor("black").text(note.value, left, doc.y + 2, { width });
    y = doc.y + 10;
  }
  use(document.footer, 9).fillColor(GREY).text(document.footer, left, y + 6, { width });

  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
