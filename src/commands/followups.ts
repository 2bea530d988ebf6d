import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveMember } from "../core/resolve.js";
import { addDaysTo, endOfWeek } from "../core/dates.js";
import { splitFields } from "../core/tokenize.js";
import { PAGE_SIZE, pageFrom, pageNumber } from "./shared/arguments.js";
import { dueLabel, paging } from "./shared/format.js";
import { UserError } from "../core/errors.js";

const WINDOWS = ["today", "tomorrow", "week", "overdue"] as const;
const EXAMPLE = "followups week mine";

export const followupsCommand = defineCommand({
  name: "followups",
  summary: "Customers due for contact: today (with overdue), tomorrow, this week, or overdue",
  usage: "followups [today|tomorrow|week|overdue] [mine|all|@member] [page=N]",
  examples: ["followups", "followups week all", "followups overdue @alice"],
  options: [
    { name: "when", kind: "choice", description: "Which window", required: false, choices: WINDOWS },
    { name: "who", kind: "member", description: "mine, all, or a member", required: false },
    { name: "page", kind: "integer", description: "Result page", required: false },
  ],
  schema: z.object({
    when: z.enum(WINDOWS, { error: `The window must be one of ${WINDOWS.join(", ")}.` }).default("today"),
    who: z.string().trim().max(100).default("mine"),
    page: pageNumber,
  }),
  parseText(words) {
    const { words: rest, fields } = splitFields(words);
    const args: Record<string, unknown> = pageFrom(fields);
    for (const word of rest) {
      if ((WINDOWS as readonly string[]).includes(word.toLowerCase())) args.when = word.toLowerCase();
      else if (args.who === undefined) args.who = word;
      else throw new UserError("bad_argument", `I did not understand "${word}".`, { example: EXAMPLE });
    }
    return args;
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
    const whose = owner ? (owner.id === ctx.member.id ? "Your" : `${owner.displayName}'s`) : "Team";
    const title = `${whose} follow-ups: ${when}${when === "today" || when === "week" ? " (with overdue)" : ""}`;
    if (total === 0) return reply.text(title, "Nothing due. All clear.");
    return reply.of(
      title,
      [
        {
          type: "list",
          title: `${title}: ${total}`,
          items: items.map((row) => ({
            title: `${row.customerName}  #${row.customerId}`,
            detail: `${dueLabel(ctx, row.nextFollowUp)}${owner ? "" : ` · ${row.ownerName ?? "unassigned"}`}`,
            buttons: [
              { label: "Log call", action: { kind: "form", command: "log", prefill: { customer: `#${row.customerId}`, channel: "call" } } },
              { label: "Snooze 1 day", action: { kind: "run", command: `followup #${row.customerId} ${addDaysTo(row.nextFollowUp > today ? row.nextFollowUp : today, 1)}` } },
            ],
          })),
        },
      ],
      { paging: paging((n) => `followups ${when} ${who} page=${n}`, page, total, PAGE_SIZE) },
    );
  },
});
