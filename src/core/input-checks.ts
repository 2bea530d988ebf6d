/** Checks on raw command lines before parsing: size and invisible characters. */
import { UserError } from "./errors.js";
import type { Translate } from "./i18n/translator.js";

export const MAX_COMMAND_LENGTH = 4000;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BIDI_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/;

export function checkCommandLine(line: string, t: Translate): void {
  if (line.length > MAX_COMMAND_LENGTH) {
    throw new UserError("too_long", t("input.tooLong", { length: String(line.length), max: String(MAX_COMMAND_LENGTH) }), {
      example: "log acme note First part of the meeting notes",
    });
  }
  // A lone UTF-16 surrogate cannot be stored or sent as UTF-8 (the database would reject it).
  if (!line.isWellFormed()) {
    throw new UserError("malformed_text", t("input.malformed"), {
      example: "find acme",
    });
  }
  if (CONTROL.test(line)) {
    throw new UserError("control_characters", t("input.control"), {
      example: "find acme",
    });
  }
  if (BIDI_OVERRIDES.test(line)) {
    throw new UserError("bidi_override", t("input.bidi"), {
      example: "find acme",
    });
  }
}

/** The command name closest to a mistyped one (edit distance <= 2), for "did you mean". */
export function closestName(input: string, names: readonly string[]): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const distance = editDistance(input.toLowerCase(), name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
