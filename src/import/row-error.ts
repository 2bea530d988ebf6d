/** What is wrong with an import file or one of its rows, kept as a catalog key so the operator reads it in their language. */
import { createTranslator, type MessageValues, type Translate } from "../core/i18n/translator.js";
import type { MessageKey } from "../core/i18n/catalogs/index.js";

const english = createTranslator("en");

/** A problem with the file as a whole (no header row, a column missing, a bad --map); told in English unless `describe` gets a translator. */
export class ImportProblem extends Error {
  /** `values` may depend on the language (a list joined with its "or"). */
  constructor(
    readonly key: MessageKey,
    readonly values: MessageValues | ((t: Translate) => MessageValues) = {},
  ) {
    super(english(key, typeof values === "function" ? values(english) : values));
  }

  describe(t: Translate): string {
    return t(this.key, typeof this.values === "function" ? this.values(t) : this.values);
  }
}

/** What is wrong with one row; the importer reports it with the row's line. */
export class RowError extends ImportProblem {
  readonly code = "bad_row";
}
