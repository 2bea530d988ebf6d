-- The pipeline's sums kept per month, so `deals all` and `forecast ... all` add up a few dozen rows
-- instead of every open deal of the team (93k at 100k customers). One row per owner, stage,
-- currency, status and month: the month of the expected close for open deals, of the closing day
-- for won and lost ones (null when that date is not set). A trigger on `deals` keeps it exact
-- whatever writes the deal (commands, undo, import, merge, archive), in the writer's transaction.
CREATE TABLE "deal_month_totals" (
    "tenant_id" INTEGER NOT NULL,
    "owner_id" INTEGER,
    "stage" TEXT NOT NULL,
    "currency" TEXT,
    "status" TEXT NOT NULL,
    "month" DATE,
    "deals" INTEGER NOT NULL,
    "amount" NUMERIC NOT NULL,
    -- Sum of amount x probability over deals with their own probability (percent, not divided).
    "explicit_weighted" NUMERIC NOT NULL,
    -- Sum of amount over deals without one: weighted at the stage's probability when read.
    "unset_amount" NUMERIC NOT NULL,
    CONSTRAINT "deal_month_totals_key" UNIQUE NULLS NOT DISTINCT ("tenant_id", "owner_id", "stage", "currency", "status", "month")
);

CREATE FUNCTION deal_month_of(status TEXT, close_on DATE, closed_on DATE) RETURNS DATE LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', CASE WHEN status = 'open' THEN close_on ELSE closed_on END)::date
$$;

CREATE FUNCTION deal_month_totals_add(d deals, sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deal_month_totals AS t (tenant_id, owner_id, stage, currency, status, month, deals, amount, explicit_weighted, unset_amount)
  VALUES (d.tenant_id, d.owner_id, d.stage, d.currency, d.status, deal_month_of(d.status, d.close_on, d.closed_on), sign,
          sign * d.amount, sign * COALESCE(d.amount * d.probability, 0), CASE WHEN d.probability IS NULL THEN sign * d.amount ELSE 0 END)
  ON CONFLICT ON CONSTRAINT deal_month_totals_key DO UPDATE SET
    deals = t.deals + EXCLUDED.deals,
    amount = t.amount + EXCLUDED.amount,
    explicit_weighted = t.explicit_weighted + EXCLUDED.explicit_weighted,
    unset_amount = t.unset_amount + EXCLUDED.unset_amount;
END
$$;

CREATE FUNCTION deal_month_totals_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.tenant_id, OLD.owner_id, OLD.stage, OLD.currency, OLD.status, OLD.close_on, OLD.closed_on, OLD.amount, OLD.probability)
     IS NOT DISTINCT FROM (NEW.tenant_id, NEW.owner_id, NEW.stage, NEW.currency, NEW.status, NEW.close_on, NEW.closed_on, NEW.amount, NEW.probability) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM deal_month_totals_add(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM deal_month_totals_add(NEW, 1); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "deals_month_totals" AFTER INSERT OR UPDATE OR DELETE ON "deals"
  FOR EACH ROW EXECUTE FUNCTION deal_month_totals_sync();

-- Rebuilds every tenant's rows from the deals themselves: the backfill below, and bulk loads that
-- skip triggers (the benchmark's generator).
CREATE FUNCTION deal_month_totals_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM deal_month_totals;
  INSERT INTO deal_month_totals (tenant_id, owner_id, stage, currency, status, month, deals, amount, explicit_weighted, unset_amount)
  SELECT tenant_id, owner_id, stage, currency, status, deal_month_of(status, close_on, closed_on), COUNT(*), SUM(amount),
         COALESCE(SUM(amount * probability), 0), COALESCE(SUM(amount) FILTER (WHERE probability IS NULL), 0)
  FROM deals GROUP BY 1, 2, 3, 4, 5, 6;
$$;

SELECT deal_month_totals_rebuild();
