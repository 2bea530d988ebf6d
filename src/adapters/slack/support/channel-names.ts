/**
 * `#sales` typed as text becomes the channel link the core reads (`<#C0123|sales>`).
 *
 * How Slack sends a channel in a slash command depends on the manifest's `should_escape`: with
 * escaping on, a channel picked from the composer arrives as `<#C0123|sales>` (recently sometimes
 * with an empty label, `<#C0123|>`), with it off (Rapport's manifest) as the text the person typed,
 * `#sales`. Rapport keeps escaping off, so that `@alice` and summaries arrive as typed, and looks
 * the channel up by name here (conversations.list: public channels, and private ones the bot is
 * in). Only for commands with a channel option (`digest add`), and only `#words` that are not
 * record ids (`#42`) and name an existing channel: anything else reaches the core unchanged, which
 * then names the problem. The links of escaped payloads pass through untouched.
 */
import type { WebClient } from "@slack/web-api";
import type { CommandDefinition } from "../../../core/command.js";
import { tokenize } from "../../../core/tokenize.js";
import { canonicalize } from "../../../core/i18n/index.js";
import type { Logger } from "../../../core/logger.js";
import { TtlMap } from "./ttl-map.js";

/** `#name` as a word of its own; Slack channel names hold no spaces, `#`, `<`, `>`, `|` or `@`. */
const TYPED_CHANNEL = /(^|\s)#([^\s#<>|@＃]{1,80})(?=\s|$)/gu;
/** A record id (`#42`), never a channel. */
const RECORD_ID = /^\d+$/;
/** Pages of conversations.list read at most (1,000 channels each). */
const MAX_PAGES = 20;

/** name -> channel id, per workspace. */
export type ChannelDirectory = {
  /** The id of the channel named `name` in this workspace, or undefined. */
  idOf(client: WebClient, teamId: string, name: string): Promise<string | undefined>;
};

type Listing = { byName: Map<string, string>; readAt: number };

/**
 * Channel names cached per workspace for `ttlMs`; a name not found in a listing older than
 * `refreshAfterMs` is looked up again once (a channel created a moment ago).
 */
export function createChannelDirectory(options: { logger: Logger; ttlMs?: number; refreshAfterMs?: number; now?: () => number }): ChannelDirectory {
  const now = options.now ?? Date.now;
  const listings = new TtlMap<string, Promise<Listing>>(options.ttlMs ?? 5 * 60 * 1000, 1_000, now);
  const refreshAfterMs = options.refreshAfterMs ?? 30 * 1000;

  async function list(client: WebClient): Promise<Listing> {
    const byName = new Map<string, string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await client.conversations.list({ types: "public_channel,private_channel", exclude_archived: true, limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const channel of result.channels ?? []) if (channel.id && channel.name) byName.set(channel.name.toLowerCase(), channel.id);
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return { byName, readAt: now() };
  }

  function listing(client: WebClient, teamId: string, fresh: boolean): Promise<Listing> {
    const cached = fresh ? undefined : listings.get(teamId);
    if (cached) return cached;
    const reading = list(client);
    listings.set(teamId, reading);
    // A failed listing is not kept: the next command asks again.
    reading.catch(() => listings.delete(teamId));
    return reading;
  }

  return {
    async idOf(client, teamId, name) {
      const key = name.toLowerCase();
      try {
        const first = await listing(client, teamId, false);
        const found = first.byName.get(key);
        if (found || now() - first.readAt < refreshAfterMs) return found;
        return (await listing(client, teamId, true)).byName.get(key);
      } catch (error) {
        // Without the listing (missing scope, Slack down) the core still answers, naming the channel it could not read.
        options.logger.warn({ err: error, teamId }, "Could not list channels to read a #channel name");
        return undefined;
      }
    },
  };
}

/** Whether the command line runs a command that takes a channel (`digest add ...`). */
export function takesChannel(text: string, commands: readonly CommandDefinition[]): boolean {
  const [name] = canonicalize(tokenize(text));
  const definition = name ? commands.find((command) => command.name === name.toLowerCase()) : undefined;
  return definition?.options.some((option) => option.kind === "channel") ?? false;
}

/** The line with each `#name` of an existing channel written as its link; everything else as it was. */
export async function linkTypedChannels(text: string, idOf: (name: string) => Promise<string | undefined>): Promise<string> {
  const names = [...text.matchAll(TYPED_CHANNEL)].map((match) => match[2]!).filter((name) => !RECORD_ID.test(name));
  if (!names.length) return text;
  const ids = new Map<string, string>();
  for (const name of new Set(names)) {
    const id = await idOf(name);
    if (id) ids.set(name, id);
  }
  return text.replace(TYPED_CHANNEL, (whole, before: string, name: string) => {
    const id = ids.get(name);
    return id ? `${before}<#${id}|${name}>` : whole;
  });
}

/** One directory per Slack app (its deps), so two apps in one process (tests) never share listings. */
const directories = new WeakMap<object, ChannelDirectory>();

export function channelDirectoryOf(deps: { logger: Logger }): ChannelDirectory {
  let directory = directories.get(deps);
  if (!directory) {
    directory = createChannelDirectory({ logger: deps.logger });
    directories.set(deps, directory);
  }
  return directory;
}
