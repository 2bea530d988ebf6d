/**
 * The forecast in one statement: the period's sums per member, per stage and per currency, the
 * earlier period's won amounts, and the owners' names. Whole months read the monthly totals
 * (deal_month_totals); other windows sum the deals themselves.
 *
 * Weighting happens here in SQL, per owner, stage and currency group (the deal list's rule: each
 * deal's own probability, else its stage's, rounded per group), so that the database returns the
 * rows the reply shows (about 150 for a team quarter) rather than every group (about 750 for a team
 * quarter, 250 more for the year before): sending and parsing those cost more CPU than adding them up.
 */
import type { CalendarDate } from "../core/dates.js";
import { isWholeMonths, type Window } from "../core/deal-periods.js";
import type { DealStage, ForecastSums } from "../core/deal-store.js";
import type { SqlReader } from "./sql-runner.js";

type ForecastInput = { from: CalendarDate; to: CalendarDate; earlier: Window; ownerId?: number | undefined };

type Row = {
  part: "member" | "stage" | "total" | "earlier";
  currency: string | null;
  owner_id: number | null;
  owner_name: string | null;
  stage: string | null;
  open_count: number | null;
  open: number | null;
  weighted: number | null;
  won: number | null;
  lost: number | null;
};

/**
 * Rows of (owner_id, stage, currency, status, deals, amount, explicit_weighted, unset_amount) for
 * the deals of `statuses` in the window: open ones by expected close, won and lost ones by the day
 * they closed. `dates` names the window's two parameters; `owner` is the owner condition or "".
 */
function source(window: Window, statuses: "all" | "closed", dates: { from: string; to: string }, owner: string): string {
  if (isWholeMonths(window)) {
    const closed = statuses === "closed" ? ` AND d.status IN ('won', 'lost')` : "";
    return `SELECT d.owner_id, d.stage, d.currency, d.status, d.deals, d.amount, d.explicit_weighted, d.unset_amount FROM deal_month_totals d
            WHERE d.tenant_id = $1${owner}${closed} AND d.month BETWEEN ${dates.from}::date AND ${dates.to}::date`;
  }
  const columns = `d.owner_id, d.stage, d.currency, d.status, 1 AS deals, d.amount, COALESCE(d.amount * d.probability, 0) AS explicit_weighted,
                   CASE WHEN d.probability IS NULL THEN d.amount ELSE 0 END AS unset_amount`;
  // Two branches, not one OR: each is a range of its own index, read index-only.
  const closed = `SELECT ${columns} FROM deals d WHERE d.tenant_id = $1${owner} AND d.status IN ('won', 'lost') AND d.closed_on BETWEEN ${dates.from}::date AND ${dates.to}::date`;
  if (statuses === "closed") return closed;
  return `SELECT ${columns} FROM deals d WHERE d.tenant_id = $1${owner} AND d.status = 'open' AND d.close_on BETWEEN ${dates.from}::date AND ${dates.to}::date
          UNION ALL ${closed}`;
}

/**
 * `x` rounded as JavaScript's Math.round does (halves up), exactly for every double: PostgreSQL's
 * round(float8) rounds halves to even, and floor(x + 0.5) is off for 0.49999999999999994.
 */
const mathRound = (x: string) => `(floor(${x}) + CASE WHEN ${x} - floor(${x}) >= 0.5 THEN 1 ELSE 0 END)`;

export async function readForecast(query: SqlReader, tenantId: number, stages: readonly DealStage[], input: ForecastInput): Promise<ForecastSums> {
  // Each stage's probability by position: array_position finds a key's first place, as effectiveProbability does.
  const params: unknown[] = [tenantId, input.from, input.to, input.earlier.from, input.earlier.to, stages.map((stage) => stage.key), stages.map((stage) => stage.probability)];
  let owner = "";
  if (input.ownerId !== undefined) {
    params.push(input.ownerId);
    owner = ` AND d.owner_id = $8`;
  }
  const current = source({ from: input.from, to: input.to }, "all", { from: "$2", to: "$3" }, owner);
  const earlier = source(input.earlier, "closed", { from: "$4", to: "$5" }, owner);
  // Sums cross as float8: exact for minor units below 2^53, and parsed as plain numbers (numeric
  // arrives as text). Cast per row, not per group: a numeric sum per group (hundreds of groups of
  // one to three months) cost more. A group of open deals is weighted by its deals' own
  // probabilities, the rest at the stage's (a stage no longer in the list counts 0), and rounded
  // once per group.
  const rows = await query<Row>(
    `WITH groups AS (
       SELECT g.owner_id, g.stage, g.currency, g.status, SUM(g.deals)::float8 AS count, SUM(g.amount::float8) AS amount,
              SUM(g.explicit_weighted::float8) / 100 + SUM(g.unset_amount::float8) * COALESCE(($7::int[])[array_position($6::text[], g.stage)], 0) / 100 AS exact_weighted
       FROM (${current}) g
       GROUP BY g.owner_id, g.stage, g.currency, g.status HAVING SUM(g.deals) <> 0),
     weighted AS (
       SELECT g.*, CASE WHEN g.status = 'open' THEN ${mathRound("g.exact_weighted")} ELSE 0 END AS weighted FROM groups g),
     sums AS (
       SELECT CASE GROUPING(w.owner_id, w.stage) WHEN 1 THEN 'member' WHEN 2 THEN 'stage' ELSE 'total' END AS part, w.currency, w.owner_id, w.stage,
              SUM(w.count) FILTER (WHERE w.status = 'open') AS open_count, SUM(w.amount) FILTER (WHERE w.status = 'open') AS open,
              SUM(w.weighted) AS weighted, SUM(w.amount) FILTER (WHERE w.status = 'won') AS won, SUM(w.count) FILTER (WHERE w.status = 'lost') AS lost
       FROM weighted w GROUP BY GROUPING SETS ((w.currency, w.owner_id), (w.currency, w.stage), (w.currency)))
     SELECT s.*, m.display_name AS owner_name FROM sums s LEFT JOIN members m ON s.part = 'member' AND m.id = s.owner_id AND m.tenant_id = $1
     UNION ALL
     SELECT 'earlier', e.currency, NULL, NULL, NULL, NULL, NULL, SUM(e.amount::float8) FILTER (WHERE e.status = 'won'), NULL, NULL
     FROM (${earlier}) e GROUP BY e.currency HAVING SUM(e.deals) <> 0`,
    params,
  );
  const sums: ForecastSums = { totals: [], members: [], stages: [], earlier: [] };
  const number = (value: number | string | null) => Number(value ?? 0);
  for (const row of rows) {
    if (row.part === "earlier") sums.earlier.push({ currency: row.currency, won: number(row.won) });
    else if (row.part === "total") sums.totals.push({ currency: row.currency, open: number(row.open), weighted: number(row.weighted), won: number(row.won), lost: number(row.lost) });
    // A member with only lost deals, and a stage with no open deal, are not shown.
    else if (row.part === "member" && (row.open !== null || row.won !== null)) {
      sums.members.push({ currency: row.currency, ownerId: row.owner_id, ownerName: row.owner_name, open: number(row.open), weighted: number(row.weighted), won: number(row.won) });
    } else if (row.part === "stage" && row.open_count !== null) {
      sums.stages.push({ currency: row.currency, stage: row.stage!, count: number(row.open_count), open: number(row.open), weighted: number(row.weighted) });
    }
  }
  return sums;
}
