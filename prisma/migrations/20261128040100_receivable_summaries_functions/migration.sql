-- The from-scratch computations of the receivable summaries become functions instead of views:
-- tools that clear a tenant from every relation with a tenant_id column (bench/import-rate.ts reads
-- information_schema.columns, which lists views too) would try to delete from a view. Single-SELECT
-- SQL functions are inlined, so a condition on customer_id still reaches the scan.
CREATE FUNCTION receivable_due_totals_computed() RETURNS SETOF receivable_due_totals LANGUAGE sql STABLE AS $$
  SELECT i.tenant_id, i.due_on, c.currency, SUM(i.amount - i.paid - i.written_off)::bigint, COUNT(*)::int
  FROM invoices i JOIN customers c ON c.id = i.customer_id
  WHERE i.status = 'open' AND i.amount > i.paid + i.written_off
  GROUP BY i.tenant_id, i.due_on, c.currency
$$;

CREATE FUNCTION customer_receivables_computed() RETURNS SETOF customer_receivables LANGUAGE sql STABLE AS $$
  SELECT c.id, c.tenant_id, COUNT(*)::int,
    SUM(i.amount - i.paid - i.written_off)::bigint,
    COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE i.amount > i.paid + i.written_off), 0)::bigint,
    MIN(i.due_on) FILTER (WHERE i.amount > i.paid + i.written_off),
    CASE WHEN c.credit_limit IS NOT NULL AND c.archived_at IS NULL THEN SUM(i.amount - i.paid - i.written_off)::bigint - c.credit_limit END
  FROM customers c JOIN invoices i ON i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.status = 'open'
  GROUP BY c.id
$$;

CREATE OR REPLACE FUNCTION customer_receivables_refresh(ids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_receivables WHERE customer_id = ANY(ids);
  INSERT INTO customer_receivables SELECT * FROM customer_receivables_computed() WHERE customer_id = ANY(ids);
END
$$;

CREATE OR REPLACE FUNCTION receivable_summaries_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM receivable_due_totals;
  INSERT INTO receivable_due_totals SELECT * FROM receivable_due_totals_computed();
  DELETE FROM customer_receivables;
  INSERT INTO customer_receivables SELECT * FROM customer_receivables_computed();
$$;

DROP VIEW receivable_due_totals_source;
DROP VIEW customer_receivables_source;
