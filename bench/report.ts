/** The Markdown report (bench/results/latest.md) for one run over one or more databases. */
import type { RunResult } from "./run-result.js";
import type { Stats } from "./measure.js";

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "–" : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const x = (value: number | null | undefined) => (value === null || value === undefined ? "–" : `${value}x`);
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

function statsCells(stats: Stats | undefined): string[] {
  return stats ? [ms(stats.p50), ms(stats.p95), ms(stats.p99), String(stats.count)] : ["–", "–", "–", "0"];
}

function section(result: RunResult): string {
  const lines: string[] = [];
  const { dataset, machine } = result;
  lines.push(`## ${result.db} · ${result.size}${result.quick ? " (quick)" : ""} · ${result.startedAt.slice(0, 16).replace("T", " ")} UTC`, "");
  lines.push(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}, ${machine.os}; ` +
      `PGlite ${machine.pglite}${result.db === "postgres" && machine.postgres ? `, PostgreSQL ${machine.postgres}` : ""}; ` +
      `load average ${machine.loadAvgStart.join(" / ")} at start, ${machine.loadAvgEnd?.join(" / ") ?? "?"} at end (other engineers' test runs share the 2 cores).`,
    "",
  );
  const c = dataset.counts;
  lines.push(
    `Data set: ${dataset.cached ? "cached" : "generated"} (generation took ${dataset.generationSeconds.toFixed(0)} s): ${c.customers?.toLocaleString("en")} customers in ${c.tenants} tenants ` +
      `(largest ${c.mainTenantCustomers?.toLocaleString("en")}), ${c.contacts?.toLocaleString("en")} contacts, ${c.orders?.toLocaleString("en")} orders, ` +
      `${c.invoices?.toLocaleString("en")} invoices, ${c.interactions?.toLocaleString("en")} interactions; largest tenant: ${c.mainTenantFollowUpsDue?.toLocaleString("en")} follow-ups due, ` +
      `${c.mainTenantInvoicesOverdue?.toLocaleString("en")} overdue invoices.`,
    "",
  );
  lines.push("### Customer search (ms; page of 11 through searchCustomers via Prisma)", "");
  lines.push(row(["class", "p50", "p95", "p99", "n", "hits", "found", "floor p50", "naive p50", "Fuse p50", "vs naive", "vs Fuse"]));
  lines.push(row(Array(12).fill("---")));
  const find = <T extends { klass: string }>(list: T[], klass: string) => list.find((entry) => entry.klass === klass);
  for (const entry of result.search.classes) {
    const floor = find(result.floor.classes, entry.klass);
    const naive = find(result.naive.classes, entry.klass);
    const fuse = find(result.fuse.classes, entry.klass);
    const speed = (other?: { stats: Stats }) => (other && entry.stats.p50 ? `${Math.round((other.stats.p50 / entry.stats.p50) * 10) / 10}x` : "–");
    lines.push(
      row([
        entry.klass,
        ...statsCells(entry.stats),
        entry.meanHits,
        entry.found === null ? "–" : `${entry.found}/${entry.expected}`,
        ms(floor?.stats.p50),
        naive ? ms(naive.stats.p50) : "–",
        fuse ? `${ms(fuse.stats.p50)}${fuse.found === null ? "" : ` (${fuse.found}/${fuse.expected})`}` : "–",
        speed(naive),
        speed(fuse),
      ]),
    );
  }
  lines.push(row(["**main mix**", ...statsCells(result.search.main), "", "", ms(result.floor.main.p50), ms(result.naive.main.p50), ms(result.fuse.main.p50), x(result.ratios.naiveOverRapportP50), x(result.ratios.fuseSearchOverRapportP50)]));
  lines.push("");
  lines.push(
    `"found": the customer a query was made from is on the first page (exact, typo, accent, phone, email). Naive = \`ILIKE '%q%'\` on name/search_doc with index scans off (one pass); ` +
      `Fuse.js: loading ${result.fuse.rows.toLocaleString("en")} customers took ${result.fuse.loadMs} ms and building the index ${result.fuse.indexMs} ms ` +
      `(a bot that loads per command pays ${x(result.ratios.fuseWithLoadOverRapportP50)} Rapport's p50). Diagnostic classes (latin-2char, cjk-1char, short-typo) are outside the main mix.`,
    "",
  );
  lines.push("### `/crm find` end to end", "");
  lines.push(row(["path", "concurrency", "p50", "p95", "p99", "n", "commands/s", "errors"]));
  lines.push(row(Array(8).fill("---")));
  for (const run of result.e2eCore) lines.push(row(["core (rapport.runText)", run.concurrency, ...statsCells(run.stats), run.perSecond, run.errors]));
  for (const run of result.e2eSlack.runs) lines.push(row(["Slack HTTP (signed request -> response_url)", run.concurrency, ...statsCells(run.stats), run.perSecond, run.errors]));
  lines.push("");
  if (result.e2eSlack.note) lines.push(`Slack: ${result.e2eSlack.note}`, "");
  lines.push(
    `Ratios (p50): Rapport search / floor ${x(result.ratios.rapportSearchOverFloorP50)}; core find / floor ${x(result.ratios.coreFindOverFloorP50)}; ` +
      `Slack find / floor ${x(result.ratios.slackFindOverFloorP50)}; naive / Rapport ${x(result.ratios.naiveOverRapportP50)} (mean ${x(result.ratios.naiveOverRapportMean)}); ` +
      `Fuse / Rapport ${x(result.ratios.fuseSearchOverRapportP50)}, with load ${x(result.ratios.fuseWithLoadOverRapportP50)}.`,
    "",
  );
  if (result.dealCommands?.length) {
    lines.push("### `deals` and `forecast` next to `find`", "");
    lines.push(row(["command", "path", "concurrency", "p50", "p95", "p99", "n", "commands/s", "errors"]));
    lines.push(row(Array(9).fill("---")));
    const runs = (command: string, core: RunResult["e2eCore"], slack: RunResult["e2eCore"]) => {
      for (const run of core) lines.push(row([command, "core", run.concurrency, ...statsCells(run.stats), run.perSecond, run.errors]));
      for (const run of slack) lines.push(row([command, "Slack HTTP", run.concurrency, ...statsCells(run.stats), run.perSecond, run.errors]));
    };
    runs("find", result.e2eCore, result.e2eSlack.runs);
    for (const entry of result.dealCommands) runs(entry.command, entry.core, entry.slack);
    lines.push("");
    lines.push(row(["typed (core, concurrency 1)", "reply", "p50", "p95", "p99", "n"]));
    lines.push(row(Array(6).fill("---")));
    for (const entry of result.dealCommands) for (const variant of entry.variants) lines.push(row([`\`${variant.text}\``, variant.title.replace(/\|/g, "\\|"), ...statsCells(variant.stats)]));
    lines.push("");
    lines.push(`Data: ${dataset.counts.deals?.toLocaleString("en") ?? "?"} deals (${dataset.counts.mainTenantOpenDeals?.toLocaleString("en") ?? "?"} open in the largest tenant), ${dataset.counts.deal_events?.toLocaleString("en") ?? "?"} deal events; the serving process's clock starts at the data set's anchor date, so "this month" and "quarter" are fixed windows.`, "");
  }
  if (result.layers?.length) {
    lines.push("### Each layer against the floor (concurrency 32)", "");
    lines.push("The floor replays exactly the statements each `find` of the mix executes (recorded from a real search), by pgbench (`-M prepared`) on PostgreSQL or one PGlite session.", "");
    lines.push(row(["layer", "concurrency", "finds/s", "p50", "p99", "fraction of floor"]));
    lines.push(row(Array(6).fill("---")));
    for (const layer of result.layers) lines.push(row([layer.layer, layer.concurrency, layer.cmdsPerSec, ms(layer.p50Ms), ms(layer.p99Ms), layer.fractionOfFloor ?? "n/a"]));
    lines.push("");
  }
  if (result.cpuMsPerCommand?.length) {
    lines.push("### CPU per command", "");
    lines.push(row(["command", "n", "server ms", "database ms", "total ms", "errors"]));
    lines.push(row(Array(6).fill("---")));
    for (const entry of result.cpuMsPerCommand) lines.push(row([entry.command, entry.count, entry.serverMs, entry.databaseMs ?? "in-process", entry.totalMs, entry.errors]));
    lines.push("");
  }
  lines.push("### Digests, import, memory", "");
  if (result.digests.available) {
    lines.push(row(["digest", "p50", "p95", "p99", "n", "items / error"]));
    lines.push(row(Array(6).fill("---")));
    for (const entry of result.digests.results) lines.push(row([entry.kind, ...statsCells(entry.stats), entry.error ?? entry.items ?? ""]));
    lines.push("");
  } else lines.push(`Digests: ${result.digests.note}`, "");
  lines.push(
    result.import.rowsPerSecond
      ? `Import: ${result.import.rows?.toLocaleString("en")} customers (CSV, importFile) in ${result.import.elapsedMs} ms = ${result.import.rowsPerSecond.toLocaleString("en")} rows/s${result.import.note ? ` (${result.import.note})` : ""}.`
      : `Import: ${result.import.note}.`,
    "",
  );
  lines.push(`Serving process: opened in ${result.serve.openMs} ms, RSS ${result.serve.rssAfterOpenMb} MB after open, peak RSS ${result.serve.peakRssMb} MB over the whole run.`, "");
  if (result.startup) {
    const { startup } = result;
    lines.push(
      `Start-up (compiled, NODE_ENV=production): cold start (existing ${result.size}) ${(startup.coldMs / 1000).toFixed(1)} s to ready, peak ${startup.coldPeakRssMb} MB; ` +
        `first start (new dir, demo data) ${(startup.firstStartMs / 1000).toFixed(1)} s, peak ${startup.firstStartPeakRssMb} MB; ` +
        `first start --server (new dir, no demo data) ${(startup.firstServerMs / 1000).toFixed(1)} s, peak ${startup.firstServerPeakRssMb} MB.`,
      "",
    );
  }
  lines.push("### Targets", "");
  lines.push(row(["target", "goal", "measured", "met"]));
  lines.push(row(Array(4).fill("---")));
  for (const target of result.targets) {
    lines.push(row([target.name, target.goal ?? target.target, target.measured, target.met === null ? `n/a${target.note ? ` (${target.note})` : ""}` : target.met ? "yes" : `**no**${target.note ? ` (${target.note})` : ""}`]));
  }
  lines.push("");
  const slowest = [...result.search.classes].sort((a, b) => b.stats.p99 - a.stats.p99).slice(0, 3);
  lines.push("<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the three slowest classes</summary>", "");
  for (const entry of slowest) {
    const plan = result.explain[entry.klass];
    if (!plan) continue;
    lines.push(`**${entry.klass}** (\`${plan.query}\`, p99 ${ms(entry.stats.p99)} ms)`, "", "```", plan.plan, "```", "");
  }
  lines.push("</details>", "");
  return lines.join("\n");
}

function summaryTable(results: RunResult[]): string[] {
  const lines = ["| db | size | search p50 | search p99 | floor p50 | naive p50 | vs naive | Fuse p50 (+load) | core find p50 @1 | p99 @32 | cmds/s @32 | Slack find p50 @1 | p99 @32 | cmds/s @32 | deals p99 @1 | forecast p99 @1 | peak RSS | import rows/s |"];
  lines.push(row(Array(18).fill("---")));
  for (const r of results) {
    const core32 = r.e2eCore.find((run) => run.concurrency === 32);
    const slack1 = r.e2eSlack.runs.find((run) => run.concurrency === 1);
    const slack32 = r.e2eSlack.runs.find((run) => run.concurrency === 32);
    lines.push(
      row([
        r.db, `${r.size}${r.quick ? " (quick)" : ""}`, ms(r.search.main.p50), ms(r.search.main.p99), ms(r.floor.main.p50), ms(r.naive.main.p50), x(r.ratios.naiveOverRapportP50),
        `${ms(r.fuse.main.p50)} (+${r.fuse.loadMs + r.fuse.indexMs})`, ms(r.e2eCore.find((run) => run.concurrency === 1)?.stats.p50), ms(core32?.stats.p99), core32?.perSecond ?? "–",
        ms(slack1?.stats.p50), ms(slack32?.stats.p99), slack32?.perSecond ?? "–",
        ...["deals", "forecast"].map((command) => ms(r.dealCommands?.find((entry) => entry.command === command)?.core.find((run) => run.concurrency === 1)?.stats.p99)),
        `${r.serve.peakRssMb} MB`, r.import.rowsPerSecond ?? "–",
      ]),
    );
  }
  return lines;
}

export function renderMarkdown(results: RunResult[], earlier: RunResult[] = []): string {
  const all = [...results, ...earlier];
  return [
    `# Rapport benchmark results`,
    "",
    `Generated by \`npm run bench\` (bench/run.ts); the JSON files next to this one hold every figure. Times in ms; search = the main query mix (9 classes, each weighted equally; runs before this change weighted by sample count).`,
    "",
    ...summaryTable(all),
    "",
    ...results.map(section),
    ...(earlier.length ? ["# Earlier runs (newest of each db/size)", "", ...earlier.map(section)] : []),
  ].join("\n");
}
