/** What the button listeners share: who pressed, where, and how to answer. */
import type { BlockAction, ButtonAction, Context, RespondFn } from "@slack/bolt";
import type { SlackIdentity } from "../../support/actor.js";
import type { DeliveryTarget } from "../../support/reply-delivery.js";
import { identityFrom } from "../identity.js";

export type Pressed = { identity: SlackIdentity; target: DeliveryTarget; channelId?: string; triggerId: string };

export function pressed(body: BlockAction<ButtonAction>, context: Context, respond: RespondFn | undefined, replaceOriginal: boolean): Pressed {
  const identity = identityFrom({ teamId: body.team?.id ?? body.user.team_id ?? null, userId: body.user.id }, context);
  const channelId = body.channel?.id ?? (typeof body.container.channel_id === "string" ? body.container.channel_id : undefined);
  // Buttons on the Home tab or in a modal come without response_url: answer by message instead.
  const target: DeliveryTarget = {
    ...identity,
    ...(body.response_url && respond ? { respond, replaceOriginal } : {}),
    ...(channelId ? { channelId } : {}),
    ...(context.botToken ? { botToken: context.botToken } : {}),
  };
  return { identity, target, ...(channelId ? { channelId } : {}), triggerId: body.trigger_id };
}
