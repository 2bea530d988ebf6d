/**
 * The language each member was last answered in, per (team, user). Admission decides before the
 * member's profile is loaded, so a busy refusal can only be in a language already known without a
 * database call: this one, filled whenever the core resolves a reply's language, else English.
 * Bounded and expiring, like the other per-member caches here.
 */
import type { Actor } from "../../../core/actor.js";
import { isLocale, type Locale } from "../../../core/i18n/index.js";
import type { Reply } from "../../../core/reply.js";
import type { RapportApi } from "../../../core/service-api.js";
import { TtlMap } from "./ttl-map.js";

type Member = { teamId: string; userId: string };

export class KnownLocales {
  private readonly locales: TtlMap<string, Locale>;

  constructor(ttlMs = 24 * 60 * 60 * 1000, maxEntries = 20_000, now: () => number = Date.now) {
    this.locales = new TtlMap(ttlMs, maxEntries, now);
  }

  get(member: Member): Locale | undefined {
    return this.locales.get(keyOf(member));
  }

  remember(member: Member, locale: Locale): void {
    this.locales.set(keyOf(member), locale);
  }

  /** A reply the core wrote for this member: its language is theirs (a reply without one is English). */
  rememberReply(member: Member, reply: Pick<Reply, "locale">): void {
    this.remember(member, isLocale(reply.locale) ? reply.locale : "en");
  }
}

function keyOf({ teamId, userId }: Member): string {
  return `${teamId}:${userId}`;
}

const memberOf = (actor: Actor): Member => ({ teamId: actor.tenantExternalId, userId: actor.userExternalId });

/** The api as the listeners see it: every reply and looked-up language is remembered on the way. */
export function rememberingLocales(api: RapportApi, known: KnownLocales): RapportApi {
  const remembered = async (actor: Actor, reply: Promise<Reply>): Promise<Reply> => {
    const result = await reply;
    known.rememberReply(memberOf(actor), result);
    return result;
  };
  const { localeOf } = api;
  return {
    ...api,
    commands: api.commands,
    runText: (input) => remembered(input.actor, api.runText(input)),
    runArgs: (input) => remembered(input.actor, api.runArgs(input)),
    undo: (input) => remembered(input.actor, api.undo(input)),
    pick: (input) => api.pick(input),
    ...(localeOf
      ? {
          localeOf: async (input: { actor: Actor }) => {
            const locale = await localeOf.call(api, input);
            known.remember(memberOf(input.actor), locale);
            return locale;
          },
        }
      : {}),
  };
}
