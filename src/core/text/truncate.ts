/**
 * Cutting text to a platform limit without breaking characters. Cuts fall on grapheme cluster
 * boundaries (Intl.Segmenter), so no cut leaves half a surrogate pair (which Discord and Slack
 * reject or show as �), a family emoji without its last member (👨‍👩‍👧 -> 👨‍👩‍), a flag as a lone
 * regional letter, a letter without its accent, or a Hangul syllable in jamo.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export const ELLIPSIS = "…";

export type TruncateOptions = {
  /** Size of a piece of text against `max`: UTF-16 code units by default (what the platforms count, at most). */
  measure?: (text: string) => number;
  /**
   * Repairs the end of the kept part before the ellipsis goes on: a renderer that cuts escaped text
   * drops a half escape here (Slack `&am`, Discord's lone `\`).
   */
  tidyEnd?: (kept: string) => string;
};

/** The grapheme clusters of `text`. */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

const codeUnits = (part: string): number => part.length;

/** `text` when it fits in `max`; otherwise whole graphemes that fit with an ellipsis after them. */
export function truncateText(text: string, max: number, options: TruncateOptions = {}): string {
  const measure = options.measure ?? codeUnits;
  if (max <= 0) return "";
  if (measure(text) <= max) return text;
  const room = max - measure(ELLIPSIS);
  // Counting code units, nothing ending past `room` can be kept: segmenting only a prefix keeps a
  // 100k-character note cheap. Grapheme rules look back, and one code point ahead, so a boundary
  // at or before `room` is the same in the prefix as in the whole text as long as the code point
  // starting at `room` is complete (hence + 2 units: it may be a surrogate pair). The prefix's last
  // piece, possibly cut short, ends past `room` and is never kept.
  const source = options.measure ? text : text.slice(0, room + 2);
  let kept = "";
  let used = 0;
  for (const { segment } of graphemes.segment(source)) {
    const size = measure(segment);
    if (used + size > room) break;
    kept += segment;
    used += size;
  }
  const tidy = options.tidyEnd ? options.tidyEnd(kept) : kept;
  return `${tidy}${ELLIPSIS}`;
}
