/**
 * Follow-ups digest: who must be contacted today, who is overdue, and what comes later this week,
 * grouped by owner with each owner mentioned (a user mention, never @channel), most urgent owners
 * and customers first. Items due today or overdue get "Log call" and "Snooze" buttons.
 */
import { addDaysTo } from "../../core/dates.js";
import { reply, type Block, type Button } from "../../core/reply.js";
import { customerLabel, moreLine, ownerLabel, plural } from "./format.js";
import { relativeDay } from "../../core/dates.js";
import type { BuiltDigest, DigestContext, FollowUpItem, FollowUpsData } from "./types.js";

/** Platforms limit buttons per message (Discord: 25); this many items carry buttons. */
export const FOLLOWUP_ITEMS_WITH_BUTTONS = 10;

function buttonsFor(ctx: DigestContext, item: FollowUpItem): Button[] {
  const snoozeTo = addDaysTo(item.nextFollowUp > ctx.today ? item.nextFollowUp : ctx.today, 1);
  return [
    { label: "Log call", action: { kind: "form", command: "log", prefill: { customer: `#${item.customerId}`, channel: "call" } } },
    { label: "Snooze 1 day", action: { kind: "run", command: `followup #${item.customerId} ${snoozeTo}` } },
  ];
}

export function buildFollowUpsDigest(data: FollowUpsData, ctx: DigestContext): BuiltDigest {
  const { overdue, today, week } = data.totals;
  const title = `Follow-ups for ${ctx.today}`;
  if (overdue + today + week === 0) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: "No follow-ups due this week. All clear." }], { visibility: "channel" }) };
  }
  const blocks: Block[] = [
    {
      type: "text",
      text: `${plural(today, "customer")} due today, ${overdue} overdue, ${week} more by ${data.weekEnd} (${plural(data.ownerCount, "owner")}).`,
    },
  ];
  let buttoned = 0;
  for (const group of data.owners) {
    const shown = group.items.length;
    const total = group.overdue + group.today + group.week;
    blocks.push({
      type: "list",
      title: `${ownerLabel(group.owner)}: ${group.today} today, ${group.overdue} overdue, ${group.week} later this week`,
      items: group.items.map((item) => {
        const urgent = item.nextFollowUp <= ctx.today && buttoned < FOLLOWUP_ITEMS_WITH_BUTTONS;
        if (urgent) buttoned++;
        return { title: customerLabel(item), detail: `due ${item.nextFollowUp} (${relativeDay(ctx.today, item.nextFollowUp)})`, ...(urgent ? { buttons: buttonsFor(ctx, item) } : {}) };
      }),
    });
    if (total > shown) {
      blocks.push(...moreLine(total - shown, group.owner ? `followups week #${group.owner.id}` : "followups week all"));
    }
  }
  const hiddenOwners = data.ownerCount - data.owners.length;
  if (hiddenOwners > 0) blocks.push({ type: "text", tone: "muted", text: `…and ${plural(hiddenOwners, "more owner")} with follow-ups. See all: /crm followups week all` });
  return { empty: false, reply: reply.of(`${title}: ${today} due today, ${overdue} overdue`, blocks, { visibility: "channel" }) };
}
