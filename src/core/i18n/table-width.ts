/**
 * Lining up columns of plain-text tables (code blocks on Slack and Discord, the console) by display
 * width rather than by string length: a Han or Hangul character, a full-width letter and most emoji
 * take two terminal cells (Unicode East Asian Width W/F), a combining accent takes none, so
 * `"宏达".length === 2` would leave every row after a Chinese name two cells short.
 *
 * Widths come from string-width. East Asian *ambiguous* characters (·, …, ○, Greek, Cyrillic) count
 * as one cell, as in Western fonts; a CJK monospace font may draw some of them wide, so prefer ASCII
 * separators inside tables. Slack's and Discord's code-block fonts take CJK glyphs from a fallback
 * font that is close to, not exactly, two cells wide: alignment is right in terminals and close on
 * those platforms, which is still far better than counting code units.
 */
import stringWidth from "string-width";

export type Align = "left" | "right" | "center";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * Pads `text` with spaces to `width` cells. Text already wider is returned unchanged: cutting it is
 * the caller's choice (truncateToWidth), since a cut name can mislead.
 */
export function padToWidth(text: string, width: number, align: Align = "left"): string {
  const missing = width - displayWidth(text);
  if (missing <= 0) return text;
  if (align === "right") return " ".repeat(missing) + text;
  if (align === "center") {
    const before = Math.floor(missing / 2);
    return " ".repeat(before) + text + " ".repeat(missing - before);
  }
  return text + " ".repeat(missing);
}

/** The widest cell of each column; rows may have different lengths. */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, displayWidth(cell));
    });
  }
  return widths;
}

/**
 * Cuts `text` to at most `maxWidth` cells on grapheme boundaries (never half an emoji or a Hangul
 * syllable in jamo), ending with `ellipsis` when something was cut. A wide character that would
 * overshoot is dropped whole, so the result may be one cell short of maxWidth.
 */
export function truncateToWidth(text: string, maxWidth: number, ellipsis = "…"): string {
  if (displayWidth(text) <= maxWidth) return text;
  const room = maxWidth - displayWidth(ellipsis);
  if (room < 0) return "";
  let kept = "";
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const next = displayWidth(segment);
    if (width + next > room) break;
    kept += segment;
    width += next;
  }
  return kept + ellipsis;
}

export type TableOptions = {
  /** Per column; missing columns are left-aligned. Amounts and counts read best right-aligned. */
  align?: readonly Align[];
  /** Between columns. Two spaces keep columns apart without box-drawing characters (ambiguous width). */
  gap?: string;
  /** Cap per column in cells; longer cells are cut with an ellipsis. */
  maxWidths?: readonly (number | undefined)[];
};

/**
 * Lines of an aligned table (the first row is usually the header). Trailing spaces are trimmed,
 * since a left-aligned last column needs none and Slack keeps them.
 */
export function formatTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  const { align = [], gap = "  ", maxWidths = [] } = options;
  const cut = rows.map((row) => row.map((cell, column) => {
    const max = maxWidths[column];
    return max === undefined ? cell : truncateToWidth(cell, max);
  }));
  const widths = columnWidths(cut);
  return cut.map((row) =>
    row
      .map((cell, column) => padToWidth(cell, widths[column]!, align[column] ?? "left"))
      .join(gap)
      .replace(/\s+$/u, ""),
  );
}
