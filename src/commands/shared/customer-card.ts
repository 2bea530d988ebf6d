/** The customer card: key facts and the buttons reps use most. */
import type { CommandContext } from "../../core/context.js";
import type { CustomerProfile } from "../../core/domain.js";
import type { Block, Button } from "../../core/reply.js";
import type { Translate } from "../../core/i18n/index.js";
import { dueLabel, localTime, money } from "./format.js";
import { recordLinkOf } from "./record-link.js";

export function customerButtons(customerId: number, t: Translate): Button[] {
  const ref = `#${customerId}`;
  return [
    { label: t("button.logCall"), style: "primary", action: { kind: "form", command: "log", prefill: { customer: ref, channel: "call" } } },
    { label: t("button.setFollowUp"), action: { kind: "form", command: "followup", prefill: { customer: ref } } },
    { label: t("button.orders"), action: { kind: "run", command: `orders ${ref}` } },
  ];
}

/** An archived customer still opens by #id; the card says so, and where a merged one went. */
function archivedNote(t: Translate, profile: CustomerProfile): string | null {
  const { customer } = profile;
  if (!customer.archivedAt) return null;
  const archived = t("archive.isArchived", { customer: customer.name, id: String(customer.id) });
  return customer.mergedIntoId && profile.mergedIntoName
    ? `${archived} ${t("archive.mergedInto", { into: profile.mergedIntoName, id: String(customer.mergedIntoId) })}`
    : archived;
}

export function customerCard(ctx: CommandContext, profile: CustomerProfile): Block {
  const { t } = ctx;
  const { customer, receivables } = profile;
  const classification = [customer.grade && t("card.grade", { grade: customer.grade }), customer.type, customer.industry, customer.region, customer.city]
    .filter(Boolean)
    .join(" · ");
  const status = t("customer.status", { status: customer.status });
  const fields = [
    { label: t("card.owner"), value: profile.ownerName ?? t("owner.unassigned"), inline: true },
    {
      label: t("card.status"),
      value: customer.stage && customer.status === "prospect" ? t("card.statusWithStage", { status, stage: t("customer.stage", { stage: customer.stage }) }) : status,
      inline: true,
    },
    { label: t("card.gradeLabel"), value: customer.grade ?? "-", inline: true },
    { label: t("card.nextFollowUp"), value: dueLabel(ctx, customer.nextFollowUp), inline: true },
    { label: t("card.lastContact"), value: localTime(ctx, customer.lastContactAt), inline: true },
    { label: t("card.openOrders"), value: String(profile.openOrders.length), inline: true },
    { label: t("card.balance"), value: money(ctx, receivables.balance, customer.currency), inline: true },
    { label: t("card.overdue"), value: money(ctx, receivables.overdue, customer.currency), inline: true },
  ];
  if (customer.creditLimit !== null) {
    // The customer's invoices, balance and limit are all in the customer's currency.
    const over = receivables.balance > customer.creditLimit;
    const limit = money(ctx, customer.creditLimit, customer.currency);
    fields.push({ label: t("card.creditLimit"), value: over ? t("card.creditExceeded", { amount: limit }) : limit, inline: true });
  }
  if (customer.currency && customer.currency !== ctx.tenant.currency) fields.push({ label: t("card.currency"), value: customer.currency, inline: true });
  if (customer.paymentTermsDays !== null && customer.paymentTermsDays !== undefined) {
    fields.push({ label: t("invoice.termsLabel"), value: t("invoice.terms", { days: customer.paymentTermsDays }), inline: true });
  }
  return {
    type: "card",
    title: `${customer.name}  #${customer.id}`,
    subtitle: classification || undefined,
    url: recordLinkOf(ctx, "customer", customer.id),
    fields,
    text: [archivedNote(t, profile), profile.churnRisk ? t("card.churnRisk", { expected: customer.predictedNextAt, last: customer.lastOrderAt }) : null].filter(Boolean).join("\n") || undefined,
    buttons: customerButtons(customer.id, t),
  };
}
