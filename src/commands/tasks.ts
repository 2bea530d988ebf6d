import { defineCommand } from "../core/command.js";
import { pageOption } from "./shared/arguments.js";
import { taskWorkbench, whoOption, windowOption } from "./task-workbench.js";

export const tasksCommand = defineCommand({
  name: "tasks",
  summary: "Your tasks: overdue, due today and this week, with Done and Snooze buttons",
  usage: "tasks [today|tomorrow|week|overdue] [mine|all|@member] [page=N]",
  examples: ["tasks", "tasks today", "tasks week all", "tasks overdue @alice"],
  options: {
    when: { ...windowOption, schema: windowOption.schema.default("week") },
    who: { ...whoOption, schema: whoOption.schema.default("mine") },
    page: pageOption,
  },
  writes: false,
  async handler({ when, who, page }, ctx) {
    return taskWorkbench(ctx, { when, who, page, rerun: (n) => `tasks ${when} ${who} page=${n}` });
  },
});
