-- The whole team works from chat: contact persons edited and removed (restorably), many tasks per
-- customer, order entry, shipments, invoices, receipts and write-offs, desk roles, duplicates merged
-- or archived, and each member's morning task reminder.

-- Contact persons: messenger handles, and a soft removal that `contact restore` undoes.
ALTER TABLE "contacts" ADD COLUMN "wechat" TEXT;
ALTER TABLE "contacts" ADD COLUMN "kakao" TEXT;
ALTER TABLE "contacts" ADD COLUMN "line" TEXT;
ALTER TABLE "contacts" ADD COLUMN "removed_at" TIMESTAMP(3);
ALTER TABLE "contacts" ADD COLUMN "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Customers: archived (hidden, not lost), merged into another, payment terms for new invoices.
ALTER TABLE "customers" ADD COLUMN "archived_at" TIMESTAMP(3);
ALTER TABLE "customers" ADD COLUMN "merged_into_id" INTEGER;
ALTER TABLE "customers" ADD COLUMN "payment_terms_days" INTEGER;

-- Members: the morning reminder of due and overdue tasks, claimed once per local day.
ALTER TABLE "members" ADD COLUMN "reminders" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "members" ADD COLUMN "reminded_on" DATE;

-- Tasks: many per customer; `customers.next_follow_up` stays as the earliest open task's date.
CREATE TABLE "tasks" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "assignee_id" INTEGER,
    "created_by_id" INTEGER,
    "due_on" DATE NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "interaction_id" INTEGER,
    "done_at" TIMESTAMP(3),
    "done_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "tasks_tenant_id_assignee_id_done_at_due_on_idx" ON "tasks"("tenant_id", "assignee_id", "done_at", "due_on");
CREATE INDEX "tasks_tenant_id_done_at_due_on_idx" ON "tasks"("tenant_id", "done_at", "due_on");
CREATE INDEX "tasks_customer_id_idx" ON "tasks"("customer_id");
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every existing follow-up date becomes an open task for the customer's owner (empty text: "Follow up").
INSERT INTO "tasks" ("tenant_id", "customer_id", "assignee_id", "due_on", "text", "created_at", "updated_at")
SELECT "tenant_id", "id", "owner_id", "next_follow_up", '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "customers" WHERE "next_follow_up" IS NOT NULL;

-- Orders: who entered them, where (for shipment notices), cancellation, a credit-limit override.
ALTER TABLE "orders" ADD COLUMN "created_by_id" INTEGER;
ALTER TABLE "orders" ADD COLUMN "channel_ref" TEXT;
ALTER TABLE "orders" ADD COLUMN "cancelled_at" TIMESTAMP(3);
ALTER TABLE "orders" ADD COLUMN "cancel_reason" TEXT;
ALTER TABLE "orders" ADD COLUMN "credit_override_by_id" INTEGER;
ALTER TABLE "orders" ADD COLUMN "quote_id" INTEGER;

-- Shipments: partial shipments name their lines.
ALTER TABLE "shipments" ADD COLUMN "created_by_id" INTEGER;
ALTER TABLE "shipments" ADD COLUMN "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
CREATE TABLE "shipment_lines" (
    "id" SERIAL NOT NULL,
    "shipment_id" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "shipment_lines_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "shipment_lines_shipment_id_idx" ON "shipment_lines"("shipment_id");
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invoices: the part written off counts as settled (open = amount - paid - written_off).
ALTER TABLE "invoices" ADD COLUMN "written_off" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "invoices" ADD COLUMN "created_by_id" INTEGER;

-- Receipts: who recorded them, and undo (an undone receipt keeps its row, its allocations are removed).
ALTER TABLE "payments" ADD COLUMN "recorded_by_id" INTEGER;
ALTER TABLE "payments" ADD COLUMN "undone_at" TIMESTAMP(3);

CREATE TABLE "write_offs" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "invoice_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "recorded_by_id" INTEGER,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMP(3),
    CONSTRAINT "write_offs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "write_offs_tenant_id_customer_id_idx" ON "write_offs"("tenant_id", "customer_id");
CREATE INDEX "write_offs_invoice_id_idx" ON "write_offs"("invoice_id");
ALTER TABLE "write_offs" ADD CONSTRAINT "write_offs_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Document numbers (SO-, INV-, Q-) handed out per workspace without two processes taking the same one.
CREATE TABLE "number_sequences" (
    "tenant_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "next_value" INTEGER NOT NULL,
    CONSTRAINT "number_sequences_pkey" PRIMARY KEY ("tenant_id", "kind")
);
