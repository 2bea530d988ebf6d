/**
 * `rapport export <customers|overdue|followups|orders|deals|quotes> [--format csv|xlsx] [--out FILE] [filters]`.
 * Writes to standard output unless --out is given; the row count goes to stderr.
 * Filters: --owner <member>, --status, --stage (deals), --grade, --region, --industry, --source, --from/--to (dates).
 * `--locale ko` (default RAPPORT_LOCALE, else English) writes the headers and messages in that
 * language; English headers are the import field names.
 */
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { targetFromConfig } from "../app.js";
import { openDatabase } from "../data/database.js";
import { createReportQueries } from "../data/report-queries.js";
import { findMemberId, resolveTenant } from "../data/tenant-lookup.js";
import { EXPORT_KINDS, type ExportFilters, type ExportKind } from "../core/reports.js";
import { todayIn } from "../core/dates.js";
import { EXPORT_FORMATS, writeTable, type ExportFormat } from "../export/write-table.js";
import { withHeadersIn } from "../export/headers.js";
import { cliTranslator } from "./cli-locale.js";
import { lookupWord } from "../core/i18n/vocabulary.js";

const EXPORT_SYNTAX = `rapport export <${EXPORT_KINDS.join("|")}> [--format csv|xlsx] [--out FILE] [--tenant platform:workspace] [--locale en|zh-CN|zh-TW|ko]
       [--owner NAME] [--status S] [--stage S] [--grade G] [--region R] [--industry I] [--source S] [--from YYYY-MM-DD] [--to YYYY-MM-DD]`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runExportCli(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: "string" },
      out: { type: "string" },
      tenant: { type: "string" },
      owner: { type: "string" },
      status: { type: "string" },
      stage: { type: "string" },
      grade: { type: "string" },
      region: { type: "string" },
      industry: { type: "string" },
      source: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      locale: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const language = cliTranslator(values.locale, config.RAPPORT_LOCALE);
  if ("error" in language) {
    process.stderr.write(`${language.error}\n`);
    return 2;
  }
  const { t } = language;
  const [kind] = positionals;
  const format = (values.format ?? (values.out?.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv")) as ExportFormat;
  if (!kind || !(EXPORT_KINDS as readonly string[]).includes(kind) || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    process.stderr.write(`${t("cli.usage", { syntax: EXPORT_SYNTAX })}\n`);
    return 2;
  }
  for (const key of ["from", "to"] as const) {
    if (values[key] && !DATE.test(values[key])) {
      process.stderr.write(`${t("cli.export.badDate", { flag: key })}\n`);
      return 2;
    }
  }
  const database = await openDatabase(targetFromConfig(config), { poolSize: 2 });
  try {
    const tenant = await resolveTenant(database.prisma, values.tenant);
    const tenantId = tenant.id;
    const ownerId = values.owner ? await findMemberId(database.prisma, tenantId, values.owner) : undefined;
    const filters: ExportFilters = {
      today: todayIn(config.RAPPORT_TIME_ZONE ?? tenant.timeZone, new Date()),
      ownerId,
      status: values.status,
      // A stage word in any language reads as its key; a custom stage's name is matched by the query.
      stage: values.stage ? (lookupWord("stage", values.stage) ?? values.stage) : undefined,
      grade: values.grade,
      region: values.region,
      industry: values.industry,
      source: values.source,
      from: values.from,
      to: values.to,
    };
    const table = withHeadersIn(createReportQueries(database.prisma, tenantId, tenant.currency).exportTable(kind as ExportKind, filters), t.locale);
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const rows = await writeTable(table, format, out, { sheetName: kind });
    const done = { rows: rows.toLocaleString("en-US"), kind: t("cli.export.kind", { kind }), path: values.out };
    process.stderr.write(`${t(values.out ? "cli.export.doneTo" : "cli.export.done", done)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
