import type { PlatformId } from "./actor.js";

/** A platform's channel references: what its users type, and the stored "<platform>:<channel>" form. */
export type ChannelRefs = {
  /**
   * What a user typed as "<platform>:<channel>", or null when it is none of this platform's
   * channels. Explicit forms ("<#C0123|sales>", "slack:C0123", "console:stdout") are recognised
   * whoever typed them, and the digest service refuses a channel of another platform than the
   * tenant's, naming it; bare forms (an id, "stdout") only from this platform's users (`typedOn`).
   */
  parse(typed: string, typedOn: PlatformId): string | null;
  /** A channel ref back as a user of this platform would write it ("<#C0123>"). */
  format(channelRef: string): string;
  /** How to name a channel here, for refusals: "Pick it with # so it becomes a link". */
  howToPick: string;
  /** A channel as typed here, for examples: "#sales", "console:stdout". */
  example: string;
};

/** Channel refs for a command (CommandContext.channels): the acting platform's first, then explicit refs of the others. */
export type ActingChannels = Omit<ChannelRefs, "parse"> & { parse(typed: string): string | null };
