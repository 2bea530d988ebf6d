import { defineCommand } from "../core/command.js";
import { pageOption } from "./shared/arguments.js";
import { taskWorkbench, whoOption, windowOption } from "./task-workbench.js";

/** The task workbench under its older name: what is due today (with overdue) unless another window is named. */
export const followupsCommand = defineCommand({
  name: "followups",
  summary: "Customers due for contact: today (with overdue), tomorrow, this week, or overdue",
  usage: "followups [today|tomorrow|week|overdue] [mine|all|@member] [page=N]",
  examples: ["followups", "followups week all", "followups overdue @alice"],
  options: {
    when: { ...windowOption, schema: windowOption.schema.default("today") },
    who: { ...whoOption, schema: whoOption.schema.default("mine") },
    page: pageOption,
  },
  writes: false,
  async handler({ when, who, page }, ctx) {
    return taskWorkbench(ctx, { when, who, page, rerun: (n) => `followups ${when} ${who} page=${n}`, headings: "followups" });
  },
});
