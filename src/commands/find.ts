import { defineCommand } from "../core/command.js";
import { assertMayReadCustomer, customerSearchScope } from "../core/customer-visibility.js";
import { reply } from "../core/reply.js";
import { commandName } from "../core/i18n/index.js";
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
    const { t } = ctx;
    // `#id` opens that customer even when archived or merged, which text search leaves out.
    const byId = /^#(\d{1,9})$/.exec(query.trim());
    const exact = byId ? await ctx.store.customers.get(Number(byId[1])) : null;
    if (exact) {
      assertMayReadCustomer(ctx, exact, query.trim());
      const owner = exact.ownerId === null ? null : await ctx.store.members.get(exact.ownerId);
      const heading = t("heading.customersMatching", { query });
      return reply.of(heading, [
        {
          type: "list",
          title: heading,
          items: [
            {
              title: `${exact.name}  #${exact.id}`,
              detail: [
                exact.archivedAt ? t("archive.isArchived", { customer: exact.name, id: String(exact.id) }) : t("customer.status", { status: exact.status }),
                exact.city,
                owner ? t("find.owner", { name: owner.displayName }) : t("owner.unassigned"),
              ]
                .filter(Boolean)
                .join(" · "),
              buttons: [{ label: t("button.show"), action: { kind: "run", command: `show #${exact.id}` } }],
            },
          ],
        },
      ]);
    }
    // One extra row tells whether there is a next page without counting every match.
    const hits = await ctx.store.customers.search(query, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, ...customerSearchScope(ctx) });
    if (hits.length === 0) {
      return reply.of(t("find.noMatchTitle", { query }), [
        { type: "text", text: t("find.noMatchText", { query }) },
        { type: "text", text: t("reply.example", { example: `${commandName("find", ctx.locale)} acme` }), tone: "muted" },
      ]);
    }
    const shown = hits.slice(0, PAGE_SIZE);
    const hasMore = hits.length > PAGE_SIZE;
    const total = (page - 1) * PAGE_SIZE + hits.length;
    const heading = t("heading.customersMatching", { query });
    return reply.of(
      heading,
      [
        {
          type: "list",
          title: heading,
          items: shown.map((hit) => ({
            title: `${hit.name}  #${hit.id}`,
            detail: [hit.status && t("customer.status", { status: hit.status }), hit.city, hit.ownerName ? t("find.owner", { name: hit.ownerName }) : t("owner.unassigned")]
              .filter(Boolean)
              .join(" · "),
            buttons: [{ label: t("button.show"), action: { kind: "run", command: `show #${hit.id}` } }, ...customerButtons(hit.id, t).slice(0, 1)],
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
