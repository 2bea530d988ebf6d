-- The receivable summaries are applied when the writing transaction commits instead of after each
-- statement. Applied per statement, the summaries locked the invoice's customer (and the day's
-- totals row) in the middle of the writer's transaction and held them to its end, so two writers of
-- one customer's invoices deadlocked where they used to wait: a receipt applied oldest first holds
-- the customer after its first invoice; a write-off on a later invoice holds that invoice's row and
-- waits for the customer; the receipt then reaches that invoice. Now each statement only notes what
-- it changed (receivable_changes, private to its transaction until commit), and at commit a deferred
-- trigger applies the notes: the customers are locked in id order and the totals rows in key order,
-- after every invoice row the transaction writes is already its own, so commits only wait for other
-- commits, always in the same order. Readers see the summaries change with the invoices, at commit.

-- What a transaction's statements changed: the old (sign -1) and new (sign +1) versions of the open
-- invoices they wrote. Rows never outlive their transaction: the commit's flush deletes them.
CREATE TABLE "receivable_changes" (
    "txid" BIGINT NOT NULL DEFAULT txid_current(),
    "sign" INTEGER NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "due_on" DATE NOT NULL,
    "amount" BIGINT NOT NULL,
    "paid" BIGINT NOT NULL,
    "written_off" BIGINT NOT NULL
);
CREATE INDEX "receivable_changes_txid_idx" ON "receivable_changes" ("txid");

-- One row per transaction with notes: its insert queues the deferred flush once, however many rows
-- and statements the transaction writes (a trigger per note would fire 100k times after an import).
CREATE TABLE "receivable_change_marks" ("txid" BIGINT NOT NULL PRIMARY KEY);

-- Applies this transaction's notes and deletes them. Called at commit, and first thing by the
-- customer triggers below, which read the invoices as they stand and so need the notes applied.
CREATE FUNCTION receivables_flush() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  changes receivable_changes[];
  ids INTEGER[];
BEGIN
  DELETE FROM receivable_change_marks WHERE txid = txid_current();
  WITH taken AS (DELETE FROM receivable_changes WHERE txid = txid_current() RETURNING *)
  SELECT array_agg(taken) INTO changes FROM taken;
  IF changes IS NULL THEN RETURN; END IF;
  ids := ARRAY(SELECT DISTINCT x.customer_id FROM unnest(changes) x ORDER BY 1);
  -- Writers of the same customers take turns (each recomputes from what the previous one committed),
  -- and a currency change waits for them, so no amount lands under a stale currency.
  PERFORM 1 FROM customers WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  -- A customer deleted in this transaction is gone from the join: receivables_customer_deleted took
  -- its amounts back.
  INSERT INTO receivable_due_totals AS t (tenant_id, due_on, currency, open_amount, invoices)
  SELECT x.tenant_id, x.due_on, c.currency, SUM(x.sign * (x.amount - x.paid - x.written_off)), SUM(x.sign)
  FROM unnest(changes) x JOIN customers c ON c.id = x.customer_id
  WHERE x.amount > x.paid + x.written_off
  GROUP BY x.tenant_id, x.due_on, c.currency
  HAVING SUM(x.sign) <> 0 OR SUM(x.sign * (x.amount - x.paid - x.written_off)) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT receivable_due_totals_key DO UPDATE SET
    open_amount = t.open_amount + EXCLUDED.open_amount,
    invoices = t.invoices + EXCLUDED.invoices;
  PERFORM customer_receivables_refresh(ids);
END
$$;

CREATE FUNCTION receivables_flush_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM receivables_flush();
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "receivable_change_marks_flush" AFTER INSERT ON "receivable_change_marks"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION receivables_flush_at_commit();

-- The statement triggers on `invoices` (unchanged) now only take notes. Updates that leave every
-- counted column alone (numbers, references) note nothing.
CREATE OR REPLACE FUNCTION receivables_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  noted INTEGER;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO receivable_changes (sign, tenant_id, customer_id, due_on, amount, paid, written_off)
    SELECT 1, n.tenant_id, n.customer_id, n.due_on, n.amount, n.paid, n.written_off FROM new_rows n WHERE n.status = 'open';
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO receivable_changes (sign, tenant_id, customer_id, due_on, amount, paid, written_off)
    SELECT -1, o.tenant_id, o.customer_id, o.due_on, o.amount, o.paid, o.written_off FROM old_rows o WHERE o.status = 'open';
  ELSE
    INSERT INTO receivable_changes (sign, tenant_id, customer_id, due_on, amount, paid, written_off)
    SELECT v.sign, v.tenant_id, v.customer_id, v.due_on, v.amount, v.paid, v.written_off
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (-1, o.tenant_id, o.customer_id, o.due_on, o.status, o.amount, o.paid, o.written_off),
                               (1, n.tenant_id, n.customer_id, n.due_on, n.status, n.amount, n.paid, n.written_off))
      AS v(sign, tenant_id, customer_id, due_on, status, amount, paid, written_off)
    WHERE (o.tenant_id, o.customer_id, o.due_on, o.status, o.amount, o.paid, o.written_off)
          IS DISTINCT FROM (n.tenant_id, n.customer_id, n.due_on, n.status, n.amount, n.paid, n.written_off)
      AND v.status = 'open';
  END IF;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN
    INSERT INTO receivable_change_marks (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- A customer's currency, credit limit, archiving and deletion read its invoices as they stand: this
-- transaction's notes are applied first. Otherwise as before (migration 20261128040000).
CREATE OR REPLACE FUNCTION receivables_customer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM receivables_flush();
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

CREATE OR REPLACE FUNCTION receivables_customer_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM receivables_flush();
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

-- receivables_apply (the per-statement work) has no caller left.
DROP FUNCTION receivables_apply(invoices[], invoices[]);
