/**
 * Per-channel settings (table channel_settings): today only whether record links posted in the
 * channel get a preview (Discord; `settings previews on|off`). A channel with no row has every
 * setting off.
 */
export type ChannelSettingsQueries = {
  /** Whether links posted in `channelRef` ("discord:123") are previewed; false when never set. */
  linkPreviews(channelRef: string): Promise<boolean>;
  /** Turns previews on or off for the channel; `before` is what applied until now. */
  setLinkPreviews(channelRef: string, on: boolean, memberId: number): Promise<{ before: boolean; after: boolean }>;
};
