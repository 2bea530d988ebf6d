/**
 * `rapport export <customers|overdue|followups|orders> [--format csv|xlsx] [--out FILE] [filters]`.
 * Writes to standard output unless --out is given; the row count goes to stderr.
 * Filters: --owner <member>, --status, --grade, --region, --industry, --source, --from/--to (dates).
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

export const EXPORT_USAGE = `Usage: rapport export <${EXPORT_KINDS.join("|")}> [--format csv|xlsx] [--out FILE] [--tenant platform:workspace]
       [--owner NAME] [--status S] [--grade G] [--region R] [--industry I] [--source S] [--from YYYY-MM-DD] [--to YYYY-MM-DD]`;

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
      grade: { type: "string" },
      region: { type: "string" },
      industry: { type: "string" },
      source: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [kind] = positionals;
  const format = (values.format ?? (values.out?.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv")) as ExportFormat;
  if (!kind || !(EXPORT_KINDS as readonly string[]).includes(kind) || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    process.stderr.write(`${EXPORT_USAGE}\n`);
    return 2;
  }
  for (const key of ["from", "to"] as const) {
    if (values[key] && !DATE.test(values[key])) {
      process.stderr.write(`--${key} must be a date like 2026-01-31.\n`);
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
      grade: values.grade,
      region: values.region,
      industry: values.industry,
      source: values.source,
      from: values.from,
      to: values.to,
    };
    const table = createReportQueries(database.prisma, tenantId, tenant.currency).exportTable(kind as ExportKind, filters);
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const rows = await writeTable(table, format, out, { sheetName: kind });
    process.stderr.write(`Exported ${rows.toLocaleString("en-US")} ${kind} rows${values.out ? ` to ${values.out}` : ""}.\n`);
    return 0;
  } finally {
    await database.close();
  }
}
