import type { Actor } from "./actor.js";
import type { CommandDefinition } from "./command.js";
import type { Reply } from "./reply.js";
import type { Locale } from "./i18n/index.js";
import type { PeopleSyncSummary, PlatformPerson } from "./people-sync.js";

/** A choice for pickers and autocomplete: `value` is what goes back into a command (e.g. "#42"). */
export type PickerOption = { label: string; value: string };

/**
 * The one API adapters call. Platform-neutral: adapters translate their payloads into these
 * calls and render the returned Reply. Every call is scoped to the actor's tenant.
 */
export type RapportApi = {
  /** Every registered command, for help texts and for deriving Discord slash-command options. */
  readonly commands: readonly CommandDefinition[];
  /**
   * Run a typed command line (the text after `/crm`). `idempotencyKey` comes from the platform's
   * delivery id (Slack trigger_id / event_id, Discord interaction id): a write reached twice with
   * the same key happens once and returns the first reply.
   */
  runText(input: { actor: Actor; text: string; idempotencyKey?: string; messageLink?: string }): Promise<Reply>;
  /** Run a command from structured arguments (Discord options, modal submissions). */
  runArgs(input: {
    actor: Actor;
    command: string;
    args: Record<string, unknown>;
    idempotencyKey?: string;
  }): Promise<Reply>;
  /** Undo a recent write (token from an Undo button), if still within its window and the actor's own. */
  undo(input: { actor: Actor; token: string; idempotencyKey?: string }): Promise<Reply>;
  /** Fuzzy pickers for customer / order / member options (autocomplete, external selects). */
  pick(input: { actor: Actor; kind: "customer" | "order" | "member"; query: string; limit: number }): Promise<PickerOption[]>;
  /**
   * Suggestions for a free-text option whose good values Rapport knows (`suggestionKindOf`): date
   * phrases with the date each means in the member's zone and language, deal stages, the member's
   * open deals, recent quote numbers, open invoices. Cheap (autocomplete cannot wait). Optional for test doubles.
   */
  suggest?(input: { actor: Actor; command: string; option: string; query: string; limit: number }): Promise<PickerOption[]>;
  /**
   * Message shortcuts on a chat message's text: "customers" ("Find in CRM": the customers, contacts,
   * phones, emails and order numbers it names, as customer cards) or "orders" ("Order status": each
   * order number's status, shipments and open amount). Optional for test doubles.
   */
  lookupMessage?(input: { actor: Actor; text: string; kind: "customers" | "orders" }): Promise<Reply>;
  /** The customers a chat message names, best first (the "Log to CRM" form's customer field). Optional for test doubles. */
  customersInMessage?(input: { actor: Actor; text: string; limit: number }): Promise<PickerOption[]>;
  /**
   * The member's language (their `settings language`, the platform's locale for them, the
   * workspace's, RAPPORT_LOCALE, English), for what an adapter shows before a command runs: forms.
   * Optional for test doubles; without it an adapter goes by the platform's locale.
   */
  localeOf?(input: { actor: Actor }): Promise<Locale>;
  /**
   * For a member with no time zone of their own (Discord tells bots none), the first time only:
   * the zone that applies until they choose (the workspace's), and the adapter asks which zone they
   * are in. Null ever after, and for members who chose one. Optional for test doubles (nobody is asked).
   */
  claimTimeZoneQuestion?(input: { actor: Actor }): Promise<{ timeZone: string } | null>;
  /**
   * People known before first use: upserts a workspace's people from the platform's list (Slack
   * users.list on install, at start and daily, and join/profile events; Discord guild members at
   * start, on joining a server and member events). `complete`: the list is everyone, so an active
   * member missing from it has left. Optional for test doubles. (`sync` on demand goes through
   * the command registry with Actor.listPeople.)
   */
  syncPeople?(input: { platform: string; tenantExternalId: string; tenantName?: string; people: readonly PlatformPerson[]; complete?: boolean }): Promise<PeopleSyncSummary>;
  /**
   * Whether posted record links get a preview in this channel (`settings previews on`, per channel;
   * off by default and for a member whose access is closed). Optional for test doubles (never).
   */
  linkPreviews?(input: { actor: Actor; channelRef: string }): Promise<boolean>;
};
