/**
 * Button presses. The custom_id is decoded (never trusted) and re-run as the presser: run lines go
 * through the core like typed text, undo tokens are checked by the core against tenant and member.
 */
import type { ButtonInteraction } from "discord.js";
import { reply } from "../../../core/reply.js";
import { actorFromInteraction } from "../actor.js";
import { buildCommandModal } from "../commands/command-modal.js";
import { answerNotice, answerWithReply, answerWithUpdate, type HandlerContext } from "../respond.js";
import { FORM_MODAL_PREFIX } from "./modal-submit.js";
import { shareMessage } from "./share.js";
import { formTranslator } from "../reader-locale.js";
import { platformTranslator } from "../platform-locale.js";

export async function handleButton(interaction: ButtonInteraction<"cached" | "raw">, ctx: HandlerContext): Promise<void> {
  const action = ctx.codec.decode(interaction.customId);
  const t = platformTranslator(interaction);
  if (!action) {
    await answerNotice(interaction, ctx, reply.error("unknown_button", t("surface.notOurButton")));
    return;
  }
  const actor = actorFromInteraction(interaction);
  const idempotencyKey = interaction.id;
  switch (action.kind) {
    case "expired":
      await answerNotice(interaction, ctx, reply.error("button_expired", t("surface.buttonExpired")));
      return;
    case "run":
      await answerWithReply(interaction, ctx, () => ctx.api.runText({ actor, text: action.command, idempotencyKey }));
      return;
    case "page":
      await answerWithUpdate(interaction, ctx, () => ctx.api.runText({ actor, text: action.command, idempotencyKey }));
      return;
    case "undo":
      await answerWithUpdate(interaction, ctx, () => ctx.api.undo({ actor, token: action.token, idempotencyKey }));
      return;
    case "form": {
      const command = ctx.findCommand(action.command);
      if (!command || `${FORM_MODAL_PREFIX}${command.name}`.length > 100) {
        await answerNotice(interaction, ctx, reply.error("form_unavailable", t("surface.formUnavailable")));
        return;
      }
      const formT = await formTranslator(interaction, ctx);
      await interaction.showModal(buildCommandModal(command, { customId: `${FORM_MODAL_PREFIX}${command.name}`, prefill: action.prefill, t: formT }));
      return;
    }
    case "share":
      if (interaction.message.embeds.length === 0) {
        await answerNotice(interaction, ctx, reply.error("nothing_to_share", t("surface.nothingToShare")));
        return;
      }
      await shareMessage(interaction, ctx);
      return;
  }
}
