import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { EXPORT_KINDS } from "../core/reports.js";
import { CONTENT_TYPES, EXPORT_FORMATS, tableToBuffer } from "../export/write-table.js";

export const exportCommand = defineCommand({
  name: "export",
  summary: "Download customers, overdue receivables, follow-ups or orders as CSV or XLSX",
  usage: `export <${EXPORT_KINDS.join("|")}> [csv|xlsx]`,
  examples: ["export customers xlsx", "export overdue", "export orders csv"],
  options: [
    { name: "what", kind: "choice", description: "What to export", required: true, choices: EXPORT_KINDS },
    { name: "format", kind: "choice", description: "File format (default csv)", required: false, choices: EXPORT_FORMATS },
  ],
  schema: z.object({
    what: z.enum(EXPORT_KINDS, { error: `Say what to export: ${EXPORT_KINDS.join(", ")}.` }),
    format: z.enum(EXPORT_FORMATS, { error: "format must be csv or xlsx." }).default("csv"),
  }),
  parseText: (words) => ({ what: words[0]?.toLowerCase(), format: words[1]?.toLowerCase().replace(/^--format=?/, "") || undefined }),
  writes: false,
  async handler(args, ctx) {
    const table = ctx.store.reports.exportTable(args.what, { today: ctx.today });
    const { data, rows } = await tableToBuffer(table, args.format);
    const filename = `${args.what}-${ctx.today}.${args.format}`;
    return reply.of(
      `Exported ${rows} ${args.what} row${rows === 1 ? "" : "s"}`,
      [{ type: "text", text: `${filename}: ${rows} rows, ${Math.max(1, Math.round(data.length / 1024))} KB.` }],
      { attachments: [{ filename, contentType: CONTENT_TYPES[args.format], data, altText: `${args.what} export, ${rows} rows (${args.format.toUpperCase()})` }] },
    );
  },
});
