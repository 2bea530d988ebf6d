/**
 * Quotes on Discord end to end: discord.js Client <-> fake Discord, the real core on PGlite with
 * the demo data. `/sales quote action:new` offers the quote form (a modal), its submission makes
 * the quote, and `/sales quote action:send` attaches the PDF and the XLSX to the reply.
 */
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, test } from "vitest";
import { buttonInteraction, chatInputInteraction, modalSubmitInteraction, type InteractionContext, type SlashOption } from "../../fakes/discord/payloads.js";
import { useRealCoreHarness } from "./real-core-harness.js";

const h = useRealCoreHarness();

type Msg = { id: string; embeds: any[]; components: { components: { label: string; custom_id: string }[] }[] };
const opt = (name: string, value: string): SlashOption => ({ name, type: 3, value });

async function run(ctx: InteractionContext, options: SlashOption[]) {
  const interaction = h.fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand: "quote", options }));
  const call = await h.callback(interaction, 15_000);
  return { interaction, call, data: call.body.data };
}

describe("quotes on Discord (real core, fake Discord)", () => {
  test("/sales quote action:new offers the form; the submitted modal creates the quote", async () => {
    expect(chatInputInteraction(h.admin, { subcommand: "quote" }).data.name).toBe("sales");
    const { interaction } = await run(h.admin, [opt("action", "new"), opt("customer", "globex")]);
    const message = h.fake.interactionState(interaction.id)?.original as unknown as Msg;
    const form = message.components.flatMap((row) => row.components).find((component) => component.label === "Open the quote form")!;
    expect(form).toBeDefined();
    const opened = await h.callback(h.fake.dispatchInteraction(buttonInteraction(h.admin, { customId: form.custom_id, message, ephemeral: true })));
    expect(opened.body.type).toBe(9);
    const before = await h.prisma.quote.count({ where: { tenantId: h.tenantA.id } });
    const submit = h.fake.dispatchInteraction(
      modalSubmitInteraction(h.admin, {
        customId: opened.body.data.custom_id,
        values: [
          { customId: "customer", value: "globex" },
          { customId: "lines", value: "WID-100 10 12.50 5% Widget blue\nWID-200 2 400" },
          { customId: "tax", value: "13%" },
          { customId: "valid", value: "30d" },
          { customId: "terms", value: "Net 30" },
        ],
      }),
    );
    const confirmation = await h.callback(submit, 15_000);
    expect(confirmation.body.data.embeds[0].title).toMatch(/^Quote Q-2026-\d{4} created for Globex Corporation$/);
    expect(await h.prisma.quote.count({ where: { tenantId: h.tenantA.id } })).toBe(before + 1);
    const quote = await h.prisma.quote.findFirstOrThrow({ where: { tenantId: h.tenantA.id }, orderBy: { id: "desc" }, include: { lines: true } });
    expect(quote.lines).toHaveLength(2);
    expect([Number(quote.subtotal), Number(quote.tax), Number(quote.total)]).toEqual([91875, 11944, 103819]);
  });

  test("/sales quote action:send attaches the quote's PDF and XLSX", async () => {
    const created = await h.app.rapport.runText({ actor: { platform: "discord", tenantExternalId: h.fake.guild.id, userExternalId: h.admin.actor.user.id }, text: "quote new globex WID-300 3 1000 tax=10%" });
    const number = /Q-2026-\d{4}/.exec(created.title)![0];
    const { interaction, call } = await run(h.admin, [opt("action", "send"), opt("number", number)]);
    // Rendering the PDF may outlast Discord's 3 s: then the reply is deferred and the files come with the edit.
    const files =
      call.body.type === 5
        ? (await h.fake.waitForCall((c) => c.method === "PATCH" && c.path === `/webhooks/${h.fake.applicationId}/${interaction.token}/messages/@original`, 20_000)).files
        : call.files;
    expect(files.map((file) => file.name)).toEqual([`${number}.pdf`, `${number}.xlsx`]);
    const document = await getDocumentProxy(new Uint8Array(files[0]!.data));
    const { text } = await extractText(document, { mergePages: true });
    expect(text).toContain("Globex Corporation");
    expect(text).toContain("$3,300.00");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files[1]!.data as unknown as ArrayBuffer);
    // The company on the document is the workspace (the guild), by its current name.
    const company = (await h.prisma.tenant.findUniqueOrThrow({ where: { id: h.tenantA.id } })).name;
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe(company);
    expect(text).toContain(company);
    expect((await h.prisma.quote.findFirstOrThrow({ where: { tenantId: h.tenantA.id, number } })).status).toBe("sent");
  });
});
