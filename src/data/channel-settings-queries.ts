/** channel_settings for one tenant (see src/core/channel-settings.ts). */
import type { ChannelSettingsQueries } from "../core/channel-settings.js";
import type { DbClient } from "./client-types.js";

export function createChannelSettingsQueries(db: DbClient, tenantId: number): ChannelSettingsQueries {
  return {
    async linkPreviews(channelRef) {
      const row = await db.channelSetting.findUnique({ where: { tenantId_channelRef: { tenantId, channelRef } }, select: { linkPreviews: true } });
      return row?.linkPreviews ?? false;
    },
    async setLinkPreviews(channelRef, on, memberId) {
      const existing = await db.channelSetting.findUnique({ where: { tenantId_channelRef: { tenantId, channelRef } }, select: { linkPreviews: true } });
      const row = await db.channelSetting.upsert({
        where: { tenantId_channelRef: { tenantId, channelRef } },
        create: { tenantId, channelRef, linkPreviews: on, updatedById: memberId },
        update: { linkPreviews: on, updatedById: memberId },
      });
      return { before: existing?.linkPreviews ?? false, after: row.linkPreviews };
    },
  };
}
