/**
 * Stable links to records under the deployment's public address (`RAPPORT_PUBLIC_URL`):
 * `/c/<customer id>`, `/o/<order number>`, `/d/<deal id>`, `/q/<quote number>`. Numbers people read
 * (SO-1042, Q-2026-0001) name orders and quotes; ids name customers and deals, whose names change.
 * A link opens as the reader: it maps to the read command that shows the record, run with the
 * reader's own identity, so the permissions that guard the command guard the link too.
 */
export type RecordKind = "customer" | "order" | "deal" | "quote";

export type RecordLink = { kind: RecordKind; key: string; url: string };

const SEGMENT: Record<RecordKind, string> = { customer: "c", order: "o", deal: "d", quote: "q" };
const KIND_OF_SEGMENT = new Map(Object.entries(SEGMENT).map(([kind, segment]) => [segment, kind as RecordKind]));
/** Ids are digits; order and quote numbers are letters, digits and dashes. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const NUMERIC = /^[1-9]\d{0,15}$/;

/** The base without a trailing slash, e.g. `https://crm.example.com/rapport`. */
export function normalizeBase(base: string): string {
  return base.replace(/\/+$/, "");
}

export function recordUrl(base: string, kind: RecordKind, key: string | number): string {
  return `${normalizeBase(base)}/${SEGMENT[kind]}/${encodeURIComponent(String(key))}`;
}

/** The record a path names (`/c/12`, relative to the base's own path), or null. */
export function recordFromPath(path: string): { kind: RecordKind; key: string } | null {
  const match = /^\/([codq])\/([^/?#]+)\/?$/.exec(path.replace(/\s/g, ""));
  if (!match) return null;
  const kind = KIND_OF_SEGMENT.get(match[1]!);
  const key = decodeURIComponent(match[2]!);
  if (!kind || !KEY.test(key)) return null;
  if ((kind === "customer" || kind === "deal") && !NUMERIC.test(key)) return null;
  return { kind, key };
}

/** Every record link under `base` in a text (Slack wraps links as `<url|label>`; both forms count), once each. */
export function findRecordLinks(text: string, base: string): RecordLink[] {
  const root = normalizeBase(base);
  const found = new Map<string, RecordLink>();
  for (const candidate of text.match(/https?:\/\/[^\s<>|"')\]]+/g) ?? []) {
    if (!candidate.toLowerCase().startsWith(root.toLowerCase() + "/")) continue;
    const record = recordFromPath(candidate.slice(root.length).replace(/[.,;:!?]+$/, ""));
    if (record) found.set(`${record.kind}:${record.key}`, { ...record, url: recordUrl(root, record.kind, record.key) });
  }
  return [...found.values()];
}

/** The read command whose reply is the record's card, run as the reader. */
export function recordCommand(record: { kind: RecordKind; key: string }): string {
  switch (record.kind) {
    case "customer":
      return `show #${record.key}`;
    case "order":
      return `order ${record.key}`;
    case "deal":
      return `deal ${record.key}`;
    case "quote":
      return `quote ${record.key}`;
  }
}
