import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { PAGE_SIZE, pageOption, text } from "./shared/arguments.js";
import { customerButtons } from "./shared/customer-card.js";
import { paging } from "./shared/format.js";

export const findCommand = defineCommand({
  name: "find",
  summary: "Search customers by name, alias, contact, email or phone (typos, accents, 中文, 한국어 welcome)",
  usage: "find <text> [page=N]",
  examples: ["find acme", "find 宏达", "find 삼성", "find +1 555 0102"],
  options: {
    text: { kind: "text", description: "Name, alias, contact, email or phone", required: true, typed: "rest", multiline: true, schema: text("Search text", 200) },
    page: pageOption,
  },
  writes: false,
  async handler({ text: query, page }, ctx) {
    // One extra row tells whether there is a next page without counting every match.
    const hits = await ctx.store.customers.search(query, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    if (hits.length === 0) {
      return reply.of(`No customers match "${query}"`, [
        { type: "text", text: `Nothing found for "${query}". Try part of the name, a contact, an email or a phone number.` },
        { type: "text", text: "Example: find acme", tone: "muted" },
      ]);
    }
    const shown = hits.slice(0, PAGE_SIZE);
    const hasMore = hits.length > PAGE_SIZE;
    const total = (page - 1) * PAGE_SIZE + hits.length;
    return reply.of(
      `Customers matching "${query}"`,
      [
        {
          type: "list",
          title: `Customers matching "${query}"`,
          items: shown.map((hit) => ({
            title: `${hit.name}  #${hit.id}`,
            detail: [hit.status, hit.city, hit.ownerName ? `owner ${hit.ownerName}` : "unassigned"].filter(Boolean).join(" · "),
            buttons: [{ label: "Show", action: { kind: "run", command: `show #${hit.id}` } }, ...customerButtons(hit.id).slice(0, 1)],
          })),
        },
      ],
      {
        paging: hasMore || page > 1
          ? paging((n) => `find ${query} page=${n}`, page, hasMore ? total + 1 : total, PAGE_SIZE)
          : undefined,
      },
    );
  },
});
