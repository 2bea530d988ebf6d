/**
 * Dates in import files. Year-first dates are unambiguous (2026-03-14, 2026/3/14, 2026.03.14,
 * 2026年3月14日, 2026. 3. 14.). Slash dates are not: US exports (Salesforce, HubSpot in en-US)
 * write 3/14/2026, European ones 14/03/2026, and 04/05/2026 is either. `--date-order` settles it;
 * without it the file decides: the first date whose first number is over 12 makes it day/month,
 * one whose second number is over 12 makes it month/day. Ambiguous dates seen before any evidence
 * are read as month/day; if the file later proves to be day/month, the import stops (nothing is
 * written, it is one transaction) and says which line was read wrongly and which flag fixes it.
 */
import { RowError } from "./row-error.js";

export const DATE_ORDERS = ["auto", "mdy", "dmy"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** The file's own dates show that an earlier ambiguous date was read the wrong way. */
export class DateOrderConflict extends RowError {
  constructor(
    readonly line: number,
    values: { value: string; line: number; raw: string },
  ) {
    super("import.date.conflict", values);
  }
}

const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日.]?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s[\d:]+(?:\s?[AP]M)?)?$/i;

export class DateReader {
  private evidence: "mdy" | "dmy" | null;
  private firstAmbiguous: { line: number; raw: string } | null = null;
  /** The file line being validated (set by the importer before each row). */
  line = 0;

  constructor(private readonly order: DateOrder = "auto") {
    this.evidence = order === "auto" ? null : order;
  }

  /** An ambiguous date that was read as month/day without any evidence from the file, if any. */
  assumption(): { line: number; raw: string } | null {
    return this.order === "auto" && this.evidence === null ? this.firstAmbiguous : null;
  }

  /** The date as YYYY-MM-DD, or a RowError naming the field and showing a correct example. */
  read(raw: string, field: string): string {
    let match = YEAR_FIRST.exec(raw);
    if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]), raw, field);
    match = YEAR_LAST.exec(raw);
    if (!match) throw new RowError("import.date.notADate", { field, value: raw });
    const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const order = this.order === "auto" ? this.decide(first, second, raw) : this.order;
    const [month, day] = order === "mdy" ? [first, second] : [second, first];
    if (month > 12 && this.order !== "auto") {
      const other = order === "mdy" ? "dmy" : "mdy";
      throw new RowError("import.date.wrongOrder", { field, value: raw, order: order, other: other, flag: other });
    }
    return isoDate(year, month, day, raw, field);
  }

  private decide(first: number, second: number, raw: string): "mdy" | "dmy" {
    const implied = first > 12 && second <= 12 ? "dmy" : second > 12 && first <= 12 ? "mdy" : null;
    if (implied === null) {
      if (first !== second && this.evidence === null && this.firstAmbiguous === null) this.firstAmbiguous = { line: this.line, raw };
      return this.evidence ?? "mdy";
    }
    if (this.evidence === null) {
      this.evidence = implied;
      if (implied === "dmy" && this.firstAmbiguous) {
        const earlier = this.firstAmbiguous;
        throw new DateOrderConflict(earlier.line, { value: earlier.raw, line: this.line, raw });
      }
    } else if (implied !== this.evidence) {
      throw new RowError("import.date.mixed", { value: raw, order: implied, earlier: this.evidence });
    }
    return implied;
  }
}

function isoDate(year: number, month: number, day: number, raw: string, field: string): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RowError("import.date.notReal", { field, value: raw });
  }
  return date.toISOString().slice(0, 10);
}
