/**
 * `sync`: brings in the workspace's people now (Slack users.list, Discord guild members), so
 * colleagues who never typed a command can be given customers and tasks. Admins only: it is the
 * platform's list, but fetching a large one costs the workspace's rate limits. People are also
 * synced without it (on install, at start, daily, and on join / profile / leave events).
 */
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";

export const syncCommand = defineCommand({
  name: "sync",
  summary: "Bring in the workspace's people now, so colleagues new to Rapport can get customers (admins)",
  usage: "sync",
  examples: ["sync"],
  options: {},
  topic: "team",
  // The sync writes in its own transaction (one per batch); the command itself writes nothing.
  writes: false,
  role: "admin",
  async handler(_args, ctx) {
    if (!ctx.people) return reply.text(ctx.t("people.sync.title"), ctx.t("people.sync.automatic"));
    const summary = await ctx.people.sync();
    return reply.text(ctx.t("people.sync.title"), ctx.t("people.sync.text", { ...summary }));
  },
});
