import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { EXPORT_KINDS, type ExportFilters } from "../core/reports.js";
import { readDateArgument } from "../core/date-input.js";
import { resolveMember } from "../core/resolve.js";
import { splitFields } from "../core/tokenize.js";
import { PermissionDenied, UserError } from "../core/errors.js";
import { can, hasRole } from "../core/permissions.js";
import { CONTENT_TYPES, EXPORT_FORMATS, tableToBuffer } from "../export/write-table.js";
import { withHeadersIn } from "../export/headers.js";
import { text } from "./shared/arguments.js";
import type { Member } from "../core/domain.js";
import type { Translate } from "../core/i18n/index.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { typedWord } from "../core/i18n/typed-line.js";
import { readStage } from "./deal-input.js";
import { stageLabel } from "./deal-view.js";

const EXAMPLE = "export customers xlsx grade=A status=active";
/** The same filters as `rapport export` (src/cli/export-cli.ts), written field=value in chat. */
const TEXT_FILTERS = ["status", "grade", "region", "industry", "source"] as const;
const FILTER_FIELDS = [...TEXT_FILTERS, "stage", "owner", "from", "to"];

function filterOption(name: (typeof TEXT_FILTERS)[number], max: number) {
  return { kind: "text", description: englishOf(`option.${name}.description`), schema: text(name, max) } as const;
}

export const exportCommand = defineCommand({
  name: "export",
  summary: "Download customers, overdue receivables, follow-ups, orders, deals or quotes as CSV or XLSX",
  usage: `export <${EXPORT_KINDS.join("|")}> [csv|xlsx] [mine|@member] [status=|stage=|grade=|region=|industry=|source=...] [from=DATE] [to=DATE]`,
  examples: [EXAMPLE, "export overdue mine", "export orders csv from=2026-01-01 to=2026-06-30", "export deals xlsx stage=proposal", "export quotes mine status=sent"],
  options: {
    what: { kind: "choice", description: "What to export", required: true, choices: EXPORT_KINDS, schema: z.enum(EXPORT_KINDS, { error: englishOf("export.opt.whatMissing", { kinds: EXPORT_KINDS.join(", ") }) }) },
    format: { kind: "choice", description: "File format (default csv)", choices: EXPORT_FORMATS, schema: z.enum(EXPORT_FORMATS, { error: englishOf("export.opt.format") }).default("csv") },
    owner: { kind: "member", scopes: ["mine"], description: "Only this owner's (mine or a member; default everyone's)", schema: text("The owner", 100) },
    status: { kind: "text", description: englishOf("option.export.status.description"), schema: text("status", 60) },
    stage: { kind: "text", description: englishOf("option.export.stage.description"), schema: text("stage", 60) },
    grade: filterOption("grade", 60),
    region: filterOption("region", 100),
    industry: filterOption("industry", 100),
    source: filterOption("source", 100),
    from: { kind: "date", description: "orders: ordered on or after; followups: due on or after; deals: created; quotes: issued", schema: text("The from date", 60) },
    to: { kind: "date", description: "orders: ordered on or before; followups: due on or before; deals: created; quotes: issued", schema: text("The to date", 60) },
  },
  parseText(words) {
    const { words: rest, fields } = splitFields(words);
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      const field = key.toLowerCase().replace(/^--/, "");
      if (field === "format") args.format = value.toLowerCase();
      else if (FILTER_FIELDS.includes(field)) args[field] = value;
      else throw new UserError("bad_argument", englishOf("export.opt.notAFilter", { key, filters: FILTER_FIELDS.join(", ") }), { example: EXAMPLE });
    }
    for (let index = 0; index < rest.length; index++) {
      const word = rest[index]!;
      const lower = word.toLowerCase();
      if (args.what === undefined) args.what = lower;
      else if (lower === "--format") args.format = rest[++index]?.toLowerCase();
      else if (lower.startsWith("--format=")) args.format = lower.slice("--format=".length);
      else if ((EXPORT_FORMATS as readonly string[]).includes(lower)) args.format = lower;
      else if (args.owner === undefined && (lower === "mine" || word.startsWith("@") || word.startsWith("<@"))) args.owner = word;
      else throw new UserError("bad_argument", englishOf("input.notUnderstood", { word }), { example: EXAMPLE });
    }
    return args;
  },
  topic: "team",
  writes: false,
  async handler(args, ctx) {
    const date = (field: "from" | "to") => {
      if (!args[field]) return undefined;
      return readDateArgument(args[field], ctx, {
        field,
        purpose: "any",
        example: EXAMPLE,
        quote: (phrase) => `${typedWord("field", field, ctx.locale)}=${phrase}`,
        rerun: (iso) => {
          const filters = Object.entries({ ...args, [field]: iso }).filter(([key, value]) => FILTER_FIELDS.includes(key) && typeof value === "string" && value);
          return ["export", args.what, args.format, ...filters.map(([key, value]) => `${key}="${value}"`)].filter(Boolean).join(" ");
        },
      });
    };
    const requested = args.owner && args.owner !== "all" ? await resolveMember(ctx, args.owner) : undefined;
    const owner = exportOwner(ctx.t, ctx.member, requested, args.what, args.owner === "all");
    const filters: ExportFilters = { today: ctx.today, ownerId: owner?.id, from: date("from"), to: date("to") };
    for (const field of TEXT_FILTERS) if (args[field]) filters[field] = args[field];
    // A stage is read as `deals stage=` reads it (typed words in any language, custom stage names).
    if (args.stage && args.what !== "deals") {
      throw new UserError("bad_argument", ctx.t("export.opt.notAFilter", { key: "stage", filters: FILTER_FIELDS.filter((field) => field !== "stage").join(", ") }), { example: EXAMPLE });
    }
    const stage = args.stage ? readStage(ctx, args.stage, await ctx.store.deals.stages(), "export deals stage=proposal") : undefined;
    if (stage) filters.stage = stage.key;
    const table = withHeadersIn(ctx.store.reports.exportTable(args.what, filters), ctx.locale);
    const { data, rows } = await tableToBuffer(table, args.format, { sheetName: ctx.t("export.kind", { what: args.what }) });
    const filename = `${args.what}-${ctx.today}.${args.format}`;
    const applied = [owner ? `owner ${owner.displayName}` : null, ...TEXT_FILTERS.map((field) => (args[field] ? `${field} ${args[field]}` : null)), filters.stage ? `stage ${filters.stage}` : null, filters.from ? `from ${filters.from}` : null, filters.to ? `to ${filters.to}` : null].filter(Boolean);
    const shown = [
      owner ? ctx.t("export.filter.owner", { name: owner.displayName }) : null,
      ...TEXT_FILTERS.map((field) => (args[field] ? ctx.t("export.filter.field", { field, value: args[field] }) : null)),
      stage ? ctx.t("export.filter.field", { field: "stage", value: stageLabel(ctx, stage) }) : null,
      filters.from ? ctx.t("export.filter.from", { date: filters.from }) : null,
      filters.to ? ctx.t("export.filter.to", { date: filters.to }) : null,
    ].filter(Boolean);
    const scope = shown.length ? ctx.t("export.scope", { filters: shown.join(ctx.t("export.separator")) }) : "";
    // A file leaves the CRM for good: record who took what, like any change.
    await ctx.store.audit.record(ctx.member.id, { action: "export", entity: "export", entityId: args.what, after: { format: args.format, rows, filters: applied } });
    const scopedNote = owner?.id === ctx.member.id && !requested ? ctx.t("export.scopedNote") : "";
    const what = ctx.t("export.kind", { what: args.what });
    const count = String(rows);
    return reply.of(
      ctx.t("export.title", { count: rows, rows: count, what, scope }),
      [{ type: "text", text: ctx.t("export.text", { filename, rows: count, scope, kb: String(Math.max(1, Math.round(data.length / 1024))) }) + scopedNote }],
      { attachments: [{ filename, contentType: CONTENT_TYPES[args.format], data, altText: ctx.t("export.altText", { what, rows: count, format: args.format.toUpperCase(), scope }) }] },
    );
  },
});

/**
 * Whose rows an export may hold. A whole customer book is the most valuable thing in a CRM, so
 * (as in HubSpot and Salesforce, where exporting is a separate permission) reps take out only
 * their own customers; managers and admins anyone's. A rep who names nobody gets their own.
 */
function exportOwner(t: Translate, member: Member, requested: Member | undefined, what: string, askedForAll: boolean): Member | undefined {
  if (hasRole(member, "manager")) return requested;
  // Finance collects from every customer, so receivables leave with them whoever owns the customer.
  if (what === "overdue" && can(member, "receivablesExport")) return requested;
  if (requested && requested.id !== member.id) {
    throw new PermissionDenied(t("export.repNotOthers", { what: t("export.kind", { what }), name: requested.displayName }));
  }
  if (askedForAll) throw new PermissionDenied(t("export.repNotAll", { what: t("export.kind", { what }) }));
  return member;
}
