/** Who acts, from a verified payload. Slack ids have fixed shapes; anything else is refused. */
import type { Context } from "@slack/bolt";
import type { SlackIdentity } from "../support/actor.js";

const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
const USER_ID = /^[UWB][A-Z0-9]{2,}$/;

export function identityFrom(input: { teamId?: string | null; userId?: string; teamName?: string | null }, context: Context): SlackIdentity {
  const teamId = input.teamId ?? context.teamId ?? context.enterpriseId;
  const userId = input.userId ?? context.userId;
  if (!teamId || !TEAM_ID.test(teamId) || !userId || !USER_ID.test(userId)) {
    throw new Error(`Unexpected Slack ids (team ${String(teamId)}, user ${String(userId)})`);
  }
  return { teamId, userId, ...(input.teamName ? { teamName: input.teamName } : {}), ...(context.enterpriseId ? { enterpriseId: context.enterpriseId } : {}) };
}

export function isUserId(value: string): boolean {
  return USER_ID.test(value);
}
