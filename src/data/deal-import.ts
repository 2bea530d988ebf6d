/**
 * `rapport import deals`: one row per deal, matched on its external id when the file has one
 * (a second import updates it). The stage is a stage of the workspace (built-in stage words in
 * any language, or a custom stage's name); won and lost stages close the deal on its close date.
 * Each new deal gets its `created` history row.
 */
import { DEFAULT_STAGES, LOST_REASONS, type DealStage, type StageKind } from "../core/deal-store.js";
import type { DealImportRow, Lined, WriteCounts } from "../core/import-sink.js";
import { lookupWord, matchKey } from "../core/i18n/vocabulary.js";
import { minorOf, withCustomerAmounts, type AmountContext } from "./import-writers.js";
import type { SqlRunner } from "./sql-runner.js";

type DealContext = AmountContext & { ownerOf: (text: string) => number | null };

/** A stage from a CRM export's words: "Closed Won" and "closedwon" read as won. */
function stageOf(text: string, stages: readonly DealStage[]): DealStage | null {
  const key = matchKey(text).replace(/[^\p{L}\p{N}]/gu, "");
  const canonical = lookupWord("stage", text) ?? (key === "closedwon" ? "won" : key === "closedlost" ? "lost" : null);
  return stages.find((stage) => stage.key === canonical || matchKey(stage.key) === key || (stage.name !== null && matchKey(stage.name) === matchKey(text))) ?? null;
}

export async function writeDeals(db: SqlRunner, tenantId: number, batch: Lined<DealImportRow>[], context: DealContext): Promise<WriteCounts> {
  const rows = await withCustomerAmounts(batch, context, (row, currency) => ({ amount: row.amount ? minorOf("amount", row.amount, currency) : 0, currency }));
  const stored = await db.query<{ key: string; name: string | null; position: number; probability: number; kind: string }>(
    `SELECT key, name, position, probability, kind FROM deal_stages WHERE tenant_id = $1 ORDER BY position`,
    [tenantId],
  );
  const stages: DealStage[] = stored.length ? stored.map((row) => ({ ...row, kind: row.kind as StageKind })) : DEFAULT_STAGES.map((stage) => ({ ...stage }));
  const firstOpen = stages.find((stage) => stage.kind === "open")!;
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const { line, row, customerId, minor } of rows) {
    const stage = row.stage ? stageOf(row.stage, stages) : firstOpen;
    if (!stage) {
      context.onIssue({ line, reason: `stage "${row.stage}" is not one of this workspace's stages (${stages.map((candidate) => candidate.name ?? candidate.key).join(", ")})` });
      continue;
    }
    const reason = row.lostReason ? (lookupWord("lostReason", row.lostReason) ?? row.lostReason.toLowerCase()) : null;
    const lostReason = stage.kind === "lost" ? ((LOST_REASONS as readonly string[]).includes(reason ?? "") ? reason : "other") : null;
    const ownerId = row.owner ? context.ownerOf(row.owner) : null;
    const closed = stage.kind !== "open";
    const [written] = await db.query<{ id: number; inserted: boolean }>(
      `INSERT INTO deals (tenant_id, customer_id, owner_id, title, amount, currency, stage, probability, close_on, status, lost_reason, closed_on, external_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12::date, $13, now())
       ON CONFLICT (tenant_id, external_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, owner_id = COALESCE(EXCLUDED.owner_id, deals.owner_id),
         title = EXCLUDED.title, amount = EXCLUDED.amount, currency = EXCLUDED.currency, stage = EXCLUDED.stage, probability = EXCLUDED.probability,
         close_on = EXCLUDED.close_on, status = EXCLUDED.status, lost_reason = EXCLUDED.lost_reason, closed_on = EXCLUDED.closed_on,
         stage_changed_at = CASE WHEN deals.stage = EXCLUDED.stage THEN deals.stage_changed_at ELSE now() END, updated_at = now()
       RETURNING id, (xmax = 0) AS inserted`,
      [
        tenantId,
        customerId,
        ownerId,
        row.title,
        String(minor.amount),
        // The deal's currency is its customer's own (null: the workspace's), as `deal new` stores it.
        await customerCurrency(db, tenantId, customerId),
        stage.key,
        row.probability,
        // A closed deal read from a CRM's single "Close Date" closed on that date; Rapport's own export keeps both.
        closed && !row.closedOn ? null : row.closeOn,
        stage.kind,
        lostReason,
        closed ? (row.closedOn ?? row.closeOn) : null,
        row.externalId,
      ],
    );
    if (written!.inserted) {
      counts.inserted++;
      await db.query(`INSERT INTO deal_events (tenant_id, deal_id, kind, to_stage, detail) VALUES ($1, $2, 'created', $3, '{"imported": true}'::jsonb)`, [tenantId, written!.id, stage.key]);
    } else counts.updated++;
  }
  return counts;
}

async function customerCurrency(db: SqlRunner, tenantId: number, customerId: number): Promise<string | null> {
  const [row] = await db.query<{ currency: string | null }>(`SELECT currency FROM customers WHERE tenant_id = $1 AND id = $2`, [tenantId, customerId]);
  return row?.currency ?? null;
}
