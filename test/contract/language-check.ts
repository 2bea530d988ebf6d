/**
 * What a localized answer may still contain, and the checks that find what it may not: English
 * words that are not the workspace's own data, and characters of the other Chinese script.
 */
import * as OpenCC from "opencc-js";
import type { Driver } from "./surface.js";

/** Tables whose text a reply may quote back (names, cities, SKUs, notes). */
// tenants: the workspace's own name signs letters (dunning).
const DATA_TABLES = ["tenants", "members", "customers", "contacts", "interactions", "orders", "order_lines", "shipments", "invoices", "payments", "deals", "tasks"];

/**
 * Columns holding a fixed vocabulary, which a reply must show translated, or derived search keys.
 * Values of these columns are not allowed to pass as "data".
 */
const VOCABULARY_COLUMN = /^(status|stage|channel|outcome|role|kind|locale|lost_reason|currency|search_.*|idempotency_key)$/;

/** Names and standards that stay as they are in every language. */
const UNIVERSAL = new Set(
  // Taiwan writes "Email" in product interfaces.
  ["email", "rapport", "crm", "slack", "discord", "sku", "id", "png", "csv", "xlsx", "pdf", "utc", "gmt", "iana", "iso", "url", "api", "ok", "vip", "ar", "csv", "json"].concat(
    ["usd", "cny", "twd", "krw", "jpy", "eur", "hkd", "sgd", "gbp", "nt", "us", "hk"],
  ),
);

function collectStrings(value: unknown, key: string, into: Set<string>): void {
  if (VOCABULARY_COLUMN.test(key)) return;
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const entry of value) collectStrings(entry, key, into);
}

/** Every text value of the workspace's records, as the replies may quote them. */
export async function workspaceValues(driver: Driver): Promise<Set<string>> {
  const values = new Set<string>();
  for (const table of DATA_TABLES) {
    const rows = (await driver.prisma.$queryRawUnsafe(`SELECT row_to_json(t) AS row FROM ${table} t`)) as { row: Record<string, unknown> }[];
    for (const { row } of rows) for (const [key, value] of Object.entries(row)) collectStrings(value, key, values);
  }
  return values;
}

/** Latin words; a token with digits in it (an id, a token, SO-1031) is not a word. */
function latinWords(text: string): string[] {
  const tokens = text.toLowerCase().match(/[a-z0-9\u00c0-\u024f'’]+/g) ?? [];
  return tokens.filter((token) => !/\d/.test(token));
}

/** The Latin words of the workspace's data, plus the whole values (for removing CJK data from a text). */
export async function workspaceWords(driver: Driver): Promise<ReadonlySet<string>> {
  const words = new Set<string>();
  for (const value of await workspaceValues(driver)) {
    words.add(`value:${value}`);
    for (const word of latinWords(value)) words.add(word);
  }
  return words;
}

/** The text without what a person typed (code spans), addresses, file names, time zones and the data's own values. */
function withoutQuotedMaterial(text: string, known: ReadonlySet<string>): string {
  let rest = text
    .replace(/`[^`]*`/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    // Undo tokens and other ids (a UUID's parts can be all letters: "becd").
    .replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, " ")
    .replace(/\S+@\S+/g, " ")
    .replace(/\b[\w-]+\.(csv|xlsx|png|pdf|json)\b/gi, " ")
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_/]+\b/g, " ");
  const values = [...known].filter((entry) => entry.startsWith("value:")).map((entry) => entry.slice(6)).filter((value) => value.length > 1);
  for (const value of values.sort((a, b) => b.length - a.length)) rest = rest.split(value).join(" ");
  return rest;
}

/** Latin words left in a localized text that neither the data, nor the typed examples, nor a standard name explain. */
export function englishLeftIn(text: string, known: ReadonlySet<string>): string[] {
  const rest = withoutQuotedMaterial(text, known);
  const left = latinWords(rest).filter((word) => word.length >= 3 && !known.has(word) && !UNIVERSAL.has(word));
  return [...new Set(left)];
}

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

/** Characters OpenCC converts that Taiwan writes every day in this form (台灣, 一台伺服器). */
const TAIWAN_EVERYDAY = new Set(["台"]);

/** A character only Simplified Chinese writes (its Traditional form differs, and it is no Traditional form itself). */
function simplifiedOnly(char: string): boolean {
  return !TAIWAN_EVERYDAY.has(char) && toTraditional(char) !== char && toSimplified(char) === char;
}

function traditionalOnly(char: string): boolean {
  return toSimplified(char) !== char && toTraditional(char) === char;
}

/** The locale's script is missing, or the other Chinese script slipped in (outside the data's own text). */
export function scriptMismatch(text: string, locale: "zh-CN" | "zh-TW" | "ko", known: ReadonlySet<string>): string[] {
  const rest = withoutQuotedMaterial(text, known);
  if (locale === "ko") return /\p{Script=Hangul}/u.test(rest) ? [] : ["no Korean text"];
  if (!/\p{Script=Han}/u.test(rest)) return ["no Chinese text"];
  const wrong = [...new Set([...rest].filter(locale === "zh-TW" ? simplifiedOnly : traditionalOnly))];
  return wrong.length ? [`${locale === "zh-TW" ? "Simplified" : "Traditional"} characters in ${locale}: ${wrong.join("")}`] : [];
}
