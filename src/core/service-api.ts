import type { Actor } from "./actor.js";
import type { CommandDefinition } from "./command.js";
import type { Reply } from "./reply.js";
import type { Locale } from "./i18n/index.js";

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
};
