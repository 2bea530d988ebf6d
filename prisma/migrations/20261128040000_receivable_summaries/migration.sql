-- Receivables kept summed on write, so the overdue digest reads a few thousand rows instead of every
-- open invoice of the team (529k at 1M customers). Both tables are kept by triggers on `invoices`
-- (receipts, write-offs, undo, order entry, merges, imports: whatever writes the invoice) and on
-- `customers` (currency, credit limit, archiving, deletion), in the writer's transaction.
-- An invoice counts as unpaid when it is open and amount > paid + written_off, as the digest reads it.

-- Unpaid amounts per due date and customer currency: the ageing buckets of any day are sums over
-- these rows. `currency` is the customer's own (null: the tenant's, resolved when read, so a change
-- of the tenant's currency needs no rewrite). Rows whose invoices fall to 0 stay, with 0 amounts.
CREATE TABLE "receivable_due_totals" (
    "tenant_id" INTEGER NOT NULL,
    "due_on" DATE NOT NULL,
    "currency" TEXT,
    "open_amount" BIGINT NOT NULL,
    "invoices" INTEGER NOT NULL,
    CONSTRAINT "receivable_due_totals_key" UNIQUE NULLS NOT DISTINCT ("tenant_id", "due_on", "currency")
);

-- One row per customer with open invoices.
CREATE TABLE "customer_receivables" (
    "customer_id" INTEGER NOT NULL PRIMARY KEY,
    "tenant_id" INTEGER NOT NULL,
    "open_invoices" INTEGER NOT NULL,
    -- Every open invoice, due or not, as credit limits are checked.
    "open_balance" BIGINT NOT NULL,
    -- Unpaid invoices only: no day's overdue amount can exceed it, so the largest debtors are found
    -- by reading customers in this order and summing exactly only until no later one can rank.
    "unpaid_amount" BIGINT NOT NULL,
    -- The customer is overdue from this day on.
    "oldest_unpaid_due_on" DATE,
    -- open_balance - credit_limit for customers with a limit that are not archived; null otherwise.
    "over_limit_by" BIGINT
);
CREATE INDEX "customer_receivables_overdue_idx" ON "customer_receivables" ("tenant_id", "oldest_unpaid_due_on");
CREATE INDEX "customer_receivables_unpaid_idx" ON "customer_receivables" ("tenant_id", "unpaid_amount" DESC, "customer_id")
  INCLUDE ("oldest_unpaid_due_on");
CREATE INDEX "customer_receivables_over_limit_idx" ON "customer_receivables" ("tenant_id", "over_limit_by" DESC, "customer_id")
  INCLUDE ("open_balance") WHERE "over_limit_by" > 0;

-- What the tables must hold, computed from the invoices: the rebuild below, and the tests' reference.
CREATE VIEW "receivable_due_totals_source" AS
  SELECT i.tenant_id, i.due_on, c.currency, SUM(i.amount - i.paid - i.written_off)::bigint AS open_amount, COUNT(*)::int AS invoices
  FROM invoices i JOIN customers c ON c.id = i.customer_id
  WHERE i.status = 'open' AND i.amount > i.paid + i.written_off
  GROUP BY i.tenant_id, i.due_on, c.currency;

CREATE VIEW "customer_receivables_source" AS
  SELECT c.id AS customer_id, c.tenant_id, COUNT(*)::int AS open_invoices,
    SUM(i.amount - i.paid - i.written_off)::bigint AS open_balance,
    COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE i.amount > i.paid + i.written_off), 0)::bigint AS unpaid_amount,
    MIN(i.due_on) FILTER (WHERE i.amount > i.paid + i.written_off) AS oldest_unpaid_due_on,
    CASE WHEN c.credit_limit IS NOT NULL AND c.archived_at IS NULL THEN SUM(i.amount - i.paid - i.written_off)::bigint - c.credit_limit END AS over_limit_by
  FROM customers c JOIN invoices i ON i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.status = 'open'
  GROUP BY c.id;

-- Recomputes the named customers' rows. Callers hold a lock on those customers (see below), so the
-- sums read here include every committed invoice of theirs and no concurrent writer recomputes them.
CREATE FUNCTION customer_receivables_refresh(ids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_receivables WHERE customer_id = ANY(ids);
  INSERT INTO customer_receivables SELECT * FROM customer_receivables_source WHERE customer_id = ANY(ids);
END
$$;

-- Adds the unpaid amounts of `added` and takes back those of `removed` (old and new versions of the
-- invoices a statement wrote), then recomputes their customers. The customers are locked first, in id
-- order: writers of one customer's invoices take turns (each recomputes from what the previous one
-- committed), and a currency change waits for them, so no amount lands under a stale currency.
-- Invoices whose customer is being deleted are skipped here: receivables_customer_deleted took them back.
CREATE FUNCTION receivables_apply(removed invoices[], added invoices[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
BEGIN
  ids := ARRAY(SELECT DISTINCT x.customer_id FROM (SELECT * FROM unnest(removed) UNION ALL SELECT * FROM unnest(added)) x
               WHERE x.status = 'open' ORDER BY 1);
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM customers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO receivable_due_totals AS t (tenant_id, due_on, currency, open_amount, invoices)
  SELECT x.tenant_id, x.due_on, c.currency, SUM(x.sign * (x.amount - x.paid - x.written_off)), SUM(x.sign)
  FROM (SELECT r.*, -1 AS sign FROM unnest(removed) r UNION ALL SELECT a.*, 1 AS sign FROM unnest(added) a) x
  JOIN customers c ON c.id = x.customer_id
  WHERE x.status = 'open' AND x.amount > x.paid + x.written_off
  GROUP BY x.tenant_id, x.due_on, c.currency
  HAVING SUM(x.sign) <> 0 OR SUM(x.sign * (x.amount - x.paid - x.written_off)) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT receivable_due_totals_key DO UPDATE SET
    open_amount = t.open_amount + EXCLUDED.open_amount,
    invoices = t.invoices + EXCLUDED.invoices;
  PERFORM customer_receivables_refresh(ids);
END
$$;

-- Statement triggers: a bulk write (import, merge) is summed once, not row by row. Updates that
-- leave every counted column alone (numbers, references) pass nothing on.
CREATE FUNCTION receivables_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM receivables_apply('{}', ARRAY(SELECT n::invoices FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM receivables_apply(ARRAY(SELECT o::invoices FROM old_rows o), '{}');
  ELSE
    PERFORM receivables_apply(
      ARRAY(SELECT o::invoices FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.tenant_id, o.customer_id, o.due_on, o.status, o.amount, o.paid, o.written_off)
                  IS DISTINCT FROM (n.tenant_id, n.customer_id, n.due_on, n.status, n.amount, n.paid, n.written_off)),
      ARRAY(SELECT n::invoices FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.tenant_id, o.customer_id, o.due_on, o.status, o.amount, o.paid, o.written_off)
                  IS DISTINCT FROM (n.tenant_id, n.customer_id, n.due_on, n.status, n.amount, n.paid, n.written_off)));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "invoices_receivables_insert" AFTER INSERT ON "invoices"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION receivables_sync();
CREATE TRIGGER "invoices_receivables_update" AFTER UPDATE ON "invoices"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION receivables_sync();
CREATE TRIGGER "invoices_receivables_delete" AFTER DELETE ON "invoices"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION receivables_sync();

-- A customer's currency moves its unpaid amounts to the new currency's rows; its credit limit and
-- archiving change what it is over its limit by.
CREATE FUNCTION receivables_customer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.currency IS DISTINCT FROM NEW.currency THEN
    INSERT INTO receivable_due_totals AS t (tenant_id, due_on, currency, open_amount, invoices)
    SELECT i.tenant_id, i.due_on, x.currency, SUM(x.sign * (i.amount - i.paid - i.written_off)), SUM(x.sign)
    FROM invoices i CROSS JOIN (VALUES (OLD.currency, -1), (NEW.currency, 1)) AS x(currency, sign)
    WHERE i.tenant_id = NEW.tenant_id AND i.customer_id = NEW.id AND i.status = 'open' AND i.amount > i.paid + i.written_off
    GROUP BY i.tenant_id, i.due_on, x.currency
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT receivable_due_totals_key DO UPDATE SET
      open_amount = t.open_amount + EXCLUDED.open_amount,
      invoices = t.invoices + EXCLUDED.invoices;
  END IF;
  IF (OLD.credit_limit, OLD.archived_at IS NULL) IS DISTINCT FROM (NEW.credit_limit, NEW.archived_at IS NULL) THEN
    PERFORM customer_receivables_refresh(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "customers_receivables_update" AFTER UPDATE OF "currency", "credit_limit", "archived_at" ON "customers"
  FOR EACH ROW WHEN (OLD.currency IS DISTINCT FROM NEW.currency OR OLD.credit_limit IS DISTINCT FROM NEW.credit_limit
                     OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL))
  EXECUTE FUNCTION receivables_customer_changed();

-- Deleting a customer cascades to its invoices after its row is gone, when their currency can no
-- longer be read: take their amounts back while it still can.
CREATE FUNCTION receivables_customer_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO receivable_due_totals AS t (tenant_id, due_on, currency, open_amount, invoices)
  SELECT i.tenant_id, i.due_on, OLD.currency, -SUM(i.amount - i.paid - i.written_off), -COUNT(*)
  FROM invoices i
  WHERE i.tenant_id = OLD.tenant_id AND i.customer_id = OLD.id AND i.status = 'open' AND i.amount > i.paid + i.written_off
  GROUP BY i.tenant_id, i.due_on
  ORDER BY 1, 2
  ON CONFLICT ON CONSTRAINT receivable_due_totals_key DO UPDATE SET
    open_amount = t.open_amount + EXCLUDED.open_amount,
    invoices = t.invoices + EXCLUDED.invoices;
  RETURN OLD;
END
$$;

CREATE TRIGGER "customers_receivables_delete" BEFORE DELETE ON "customers"
  FOR EACH ROW EXECUTE FUNCTION receivables_customer_deleted();

-- Rebuilds both tables from the invoices: the backfill below, and bulk loads that skip triggers
-- (the benchmark's generator).
CREATE FUNCTION receivable_summaries_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM receivable_due_totals;
  INSERT INTO receivable_due_totals SELECT * FROM receivable_due_totals_source;
  DELETE FROM customer_receivables;
  INSERT INTO customer_receivables SELECT * FROM customer_receivables_source;
$$;

SELECT receivable_summaries_rebuild();
-- Statistics now, so the first digests plan with the real sizes (index scans, not a guess of 700 rows).
ANALYZE receivable_due_totals;
ANALYZE customer_receivables;
