/** The real discord.js Client against the fake Discord, the real core behind it: `/crm <subcommand>` with options in, the interaction's message out. */
import { buttonInteraction, chatInputInteraction, type InteractionContext, type SlashOption } from "../../fakes/discord/payloads.js";
import type { RecordedCall } from "../../fakes/discord/fake-discord.js";
import { startHarness } from "../../e2e/discord/harness.js";
import { codeOf, CONTRACT_NOW } from "../demo-app.js";
import { findButton, plain, type Driver, type Observation, type Persona } from "../surface.js";

const RED = 0xed4245;

type Embed = { title?: string; description?: string; color?: number; fields?: { name: string; value: string }[]; footer?: { text: string } };
type MessageData = { content?: string; flags?: number; embeds?: Embed[]; components?: { components: { label?: string; custom_id?: string }[] }[] };
type Message = { id: string } & MessageData;

export async function startDiscordDriver(): Promise<Driver> {
  const h = await startHarness({ now: CONTRACT_NOW });
  const contexts: Record<Persona, InteractionContext> = { admin: h.admin, rep: h.member };

  /** The message an interaction answered with: the callback's, or the edit of a deferred answer. */
  async function answerTo(interaction: { id: string; token: string }): Promise<{ data: MessageData; files: RecordedCall["files"] }> {
    const call = await h.callback(interaction, 15_000);
    if (call.body.type === 4 || call.body.type === 7) return { data: call.body.data as MessageData, files: call.files };
    const edit = await h.fake.waitForCall((c) => c.path.startsWith(`/webhooks/${h.fake.applicationId}/${interaction.token}`) && ["PATCH", "POST"].includes(c.method), 15_000);
    return { data: edit.body as MessageData, files: edit.files };
  }

  function observe(ctx: InteractionContext, interaction: { id: string }, data: MessageData, files: RecordedCall["files"]): Observation {
    const embeds = data.embeds ?? [];
    const text = [data.content ?? "", ...embeds.flatMap((embed) => [embed.title ?? "", embed.description ?? "", ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]), embed.footer?.text ?? ""])];
    const buttons = (data.components ?? []).flatMap((row) => row.components).map((component) => ({ label: component.label ?? "", customId: component.custom_id ?? "" }));
    return {
      title: plain(embeds[0]?.title ?? data.content ?? ""),
      text: plain(text.join("\n")),
      buttons: buttons.map((button) => button.label),
      ephemeral: ((data.flags ?? 0) & 64) !== 0,
      error: embeds[0]?.color === RED,
      code: codeOf(h.rapport.replies.at(-1)),
      files: files.map((file) => ({ name: file.name, bytes: file.data })),
      press: async (label) => {
        const button = findButton(buttons, label);
        const message = h.fake.interactionState(interaction.id)?.original as unknown as Message;
        const press = h.fake.dispatchInteraction(buttonInteraction(ctx, { customId: button.customId, message: message as never, ephemeral: true }));
        const answer = await answerTo(press);
        return observe(ctx, interaction, answer.data, answer.files);
      },
    };
  }

  return {
    surface: "discord",
    prisma: h.prisma,
    tenantId: h.tenantId,
    async send(as, command) {
      const ctx = contexts[as];
      const definition = h.rapport.commands.find((candidate) => candidate.name === command.command);
      const options = Object.entries(command.options ?? {}).map(([name, value]): SlashOption => {
        const kind = definition?.options.find((option) => option.name === name)?.kind;
        // A flag is a boolean option on Discord (type 5); the payload carries true or false.
        if (kind === "flag") return { name, type: 5, value: (value === "yes") as unknown as string };
        return { name, type: kind === "integer" ? 4 : 3, value };
      });
      const interaction = h.fake.dispatchInteraction(chatInputInteraction(ctx, { subcommand: command.command, options }));
      const answer = await answerTo(interaction);
      return observe(ctx, interaction, answer.data, answer.files);
    },
    stop: () => h.close(),
  };
}
