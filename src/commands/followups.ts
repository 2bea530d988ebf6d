import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveMember } from "../core/resolve.js";
import { addDaysTo, endOfWeek } from "../core/dates.js";
import { PAGE_SIZE, pageOption } from "./shared/arguments.js";
import { dueLabel, paging } from "./shared/format.js";
import { englishOf } from "../core/i18n/localized-messages.js";

const WINDOWS = ["today", "tomorrow", "week", "overdue"] as const;

export const followupsCommand = defineCommand({
  name: "followups",
  summary: "Customers due for contact: today (with overdue), tomorrow, this week, or overdue",
  usage: "followups [today|tomorrow|week|overdue] [mine|all|@member] [page=N]",
  examples: ["followups", "followups week all", "followups overdue @alice"],
  options: {
    when: { kind: "choice", description: "Which window", choices: WINDOWS, typed: "anywhere", schema: z.enum(WINDOWS, { error: englishOf("followups.opt.windowOneOf", { choices: WINDOWS.join(", ") }) }).default("today") },
    who: { kind: "member", description: "mine, all, or a member", schema: z.string().trim().max(100).default("mine") },
    page: pageOption,
  },
  writes: false,
  async handler({ when, who, page }, ctx) {
    const owner = who === "all" ? null : await resolveMember(ctx, who);
    const today = ctx.today;
    const window = {
      today: { to: today },
      tomorrow: { from: addDaysTo(today, 1), to: addDaysTo(today, 1) },
      week: { to: endOfWeek(today) },
      overdue: { to: addDaysTo(today, -1) },
    }[when];
    const { items, total } = await ctx.store.followUps.list({
      ...window,
      ownerId: owner?.id,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const title = ctx.t("followups.title", {
      whose: owner ? (owner.id === ctx.member.id ? "mine" : "member") : "team",
      owner: owner?.displayName ?? "",
      window: ctx.t(`choice.${when}`),
      withOverdue: when === "today" || when === "week" ? "yes" : "no",
    });
    if (total === 0) return reply.text(title, ctx.t("followups.nothingDue"));
    return reply.of(
      title,
      [
        {
          type: "list",
          title: ctx.t("followups.listTitle", { title, total }),
          items: items.map((row) => ({
            title: `${row.customerName}  #${row.customerId}`,
            detail: `${dueLabel(ctx, row.nextFollowUp)}${owner ? "" : ` · ${row.ownerName ?? ctx.t("followups.unassigned")}`}`,
            buttons: [
              { label: ctx.t("button.logCall"), action: { kind: "form", command: "log", prefill: { customer: `#${row.customerId}`, channel: "call" } } },
              { label: ctx.t("followups.snooze"), action: { kind: "run", command: `followup #${row.customerId} ${addDaysTo(row.nextFollowUp > today ? row.nextFollowUp : today, 1)}` } },
            ],
          })),
        },
      ],
      { paging: paging((n) => `followups ${when} ${who} page=${n}`, page, total, PAGE_SIZE) },
    );
  },
});
