/** Formatting shared by the digest builders. All CRM text goes through `plain` (see mention.ts). */
import { formatMoney } from "../../core/money.js";
import type { Block, Button } from "../../core/reply.js";
import { mention, plain } from "../mention.js";
import type { DigestContext, MemberRef } from "./types.js";

export function money(ctx: DigestContext, minor: number): string {
  return formatMoney(minor, ctx.currency);
}

export function customerLabel(item: { customerName: string; customerId: number }): string {
  return `${plain(item.customerName)} #${item.customerId}`;
}

export function ownerLabel(owner: MemberRef | null): string {
  return owner ? mention(owner) : "Unassigned";
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${Math.round((part / whole) * 100)}%`;
}

/** "and 12 more: /crm followups week all" */
export function moreLine(hidden: number, command: string): Block[] {
  return hidden > 0 ? [{ type: "text", tone: "muted", text: `…and ${hidden} more. See all: /crm ${command}` }] : [];
}

export function showButton(customerId: number): Button {
  return { label: "Open", action: { kind: "run", command: `show #${customerId}` } };
}
