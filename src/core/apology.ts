/**
 * The one answer to an unexpected error, on every surface: a short apology with an error id that
 * is also in the log line, so a support request finds the failure.
 */
import { randomBytes } from "node:crypto";
import { reply, type Reply } from "./reply.js";
import { createTranslator, type Translate } from "./i18n/translator.js";

/** The code of a reply that apologises for an unexpected error (anything else is the user's). */
export const INTERNAL_ERROR = "internal";

export function newErrorId(): string {
  return randomBytes(4).toString("hex");
}

export function apologyText(errorId: string, t: Translate = createTranslator("en")): string {
  return t("error.apology", { errorId });
}

export function apologyReply(errorId: string, t: Translate = createTranslator("en")): Reply {
  const result = reply.error(INTERNAL_ERROR, apologyText(errorId, t));
  return t.locale === "en" ? result : { ...result, locale: t.locale };
}
