/**
 * Follow-ups digest: who must be contacted today, who is overdue, and what comes later this week,
 * grouped by owner with each owner mentioned (a user mention, never @channel), most urgent owners
 * and customers first. Items due today or overdue get "Log call" and "Snooze" buttons.
 */
import { addDaysTo } from "../../core/dates.js";
import { reply, type Block, type Button } from "../../core/reply.js";
import { customerLabel, day, moreLine, ownerLabel, relative, say } from "./format.js";
import { plain } from "../mention.js";
import type { BuiltDigest, DigestContext, FollowUpItem, FollowUpsData } from "./types.js";
import { expiringQuoteBlocks } from "./expiring-quotes.js";

/** Platforms limit buttons per message (Discord: 25); this many items carry buttons. */
export const FOLLOWUP_ITEMS_WITH_BUTTONS = 10;

function buttonsFor(ctx: DigestContext, item: FollowUpItem): Button[] {
  const snoozeTo = addDaysTo(item.nextFollowUp > ctx.today ? item.nextFollowUp : ctx.today, 1);
  return [
    { label: say(ctx, "digest.button.logCall"), action: { kind: "form", command: "log", prefill: { customer: `#${item.customerId}`, channel: "call" } } },
    { label: say(ctx, "digest.button.snooze"), action: { kind: "run", command: item.taskId ? `task snooze ${item.taskId} ${snoozeTo}` : `followup #${item.customerId} ${snoozeTo}` } },
  ];
}

/** The line of one item: the customer, and what to do when the task says more than "follow up". */
function itemTitle(item: FollowUpItem): string {
  return item.text ? `${customerLabel(item)} · ${plain(item.text)}` : customerLabel(item);
}

export function buildFollowUpsDigest(data: FollowUpsData, ctx: DigestContext): BuiltDigest {
  const { overdue, today, week } = data.totals;
  const title = say(ctx, "digest.followups.title", { date: day(ctx, ctx.today) });
  const quotes = expiringQuoteBlocks(data.expiringQuotes ?? [], ctx);
  if (overdue + today + week === 0 && !quotes.length) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: say(ctx, "digest.followups.empty") }], { visibility: "channel" }) };
  }
  const blocks: Block[] = [
    {
      type: "text",
      text: say(ctx, "digest.followups.summary", { today, overdue, week, weekEnd: day(ctx, data.weekEnd), owners: data.ownerCount }),
    },
  ];
  let buttoned = 0;
  for (const group of data.owners) {
    const shown = group.items.length;
    const total = group.overdue + group.today + group.week;
    blocks.push({
      type: "list",
      title: say(ctx, "digest.followups.owner", { owner: ownerLabel(group.owner, ctx), today: group.today, overdue: group.overdue, week: group.week }),
      items: group.items.map((item) => {
        const urgent = item.nextFollowUp <= ctx.today && buttoned < FOLLOWUP_ITEMS_WITH_BUTTONS;
        if (urgent) buttoned++;
        return { title: itemTitle(item), detail: say(ctx, "digest.followups.due", { date: day(ctx, item.nextFollowUp), relative: relative(ctx, ctx.today, item.nextFollowUp) }), ...(urgent ? { buttons: buttonsFor(ctx, item) } : {}) };
      }),
    });
    if (total > shown) {
      blocks.push(...moreLine(total - shown, group.owner ? `followups week #${group.owner.id}` : "followups week all", ctx));
    }
  }
  const hiddenOwners = data.ownerCount - data.owners.length;
  if (hiddenOwners > 0) blocks.push({ type: "text", tone: "muted", text: say(ctx, "digest.followups.moreOwners", { count: hiddenOwners }) });
  blocks.push(...quotes);
  return { empty: false, reply: reply.of(say(ctx, "digest.followups.headline", { title, today, overdue }), blocks, { visibility: "channel" }) };
}
