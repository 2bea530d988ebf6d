/** The customer card: key facts and the buttons reps use most. */
import type { CommandContext } from "../../core/context.js";
import type { CustomerProfile } from "../../core/domain.js";
import type { Block, Button } from "../../core/reply.js";
import { dueLabel, localTime, money } from "./format.js";

export function customerButtons(customerId: number): Button[] {
  const ref = `#${customerId}`;
  return [
    { label: "Log call", style: "primary", action: { kind: "form", command: "log", prefill: { customer: ref, channel: "call" } } },
    { label: "Set follow-up", action: { kind: "form", command: "followup", prefill: { customer: ref } } },
    { label: "Orders", action: { kind: "run", command: `orders ${ref}` } },
  ];
}

export function customerCard(ctx: CommandContext, profile: CustomerProfile): Block {
  const { customer, receivables } = profile;
  const classification = [customer.grade && `grade ${customer.grade}`, customer.type, customer.industry, customer.region, customer.city]
    .filter(Boolean)
    .join(" · ");
  const fields = [
    { label: "Owner", value: profile.ownerName ?? "unassigned", inline: true },
    { label: "Status", value: customer.status + (customer.stage && customer.status === "prospect" ? ` (${customer.stage})` : ""), inline: true },
    { label: "Grade", value: customer.grade ?? "-", inline: true },
    { label: "Next follow-up", value: dueLabel(ctx, customer.nextFollowUp), inline: true },
    { label: "Last contact", value: localTime(ctx, customer.lastContactAt), inline: true },
    { label: "Open orders", value: String(profile.openOrders.length), inline: true },
    { label: "Balance", value: money(ctx, receivables.balance), inline: true },
    { label: "Overdue", value: money(ctx, receivables.overdue), inline: true },
  ];
  if (customer.creditLimit !== null) {
    // Balances are in the tenant's currency: compared with the limit only when that is the limit's too.
    const sameCurrency = (customer.currency ?? ctx.tenant.currency) === ctx.tenant.currency;
    const over = sameCurrency && receivables.balance > customer.creditLimit;
    fields.push({ label: "Credit limit", value: `${money(ctx, customer.creditLimit, customer.currency)}${over ? " (exceeded)" : ""}`, inline: true });
  }
  if (customer.currency && customer.currency !== ctx.tenant.currency) fields.push({ label: "Currency", value: customer.currency, inline: true });
  return {
    type: "card",
    title: `${customer.name}  #${customer.id}`,
    subtitle: classification || undefined,
    fields,
    text: profile.churnRisk ? `Churn risk: expected to order by ${customer.predictedNextAt}, last order ${customer.lastOrderAt}.` : undefined,
    buttons: customerButtons(customer.id),
  };
}
