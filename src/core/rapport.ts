/**
 * The core service adapters talk to (RapportApi). It maps actors to tenant and member, parses
 * and validates commands with the registry's zod schemas, runs handlers (writes in one
 * transaction, idempotent per key), and turns every failure into a reply: user mistakes into a
 * message with an example, unexpected errors into a short apology with an error id.
 */
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "./actor.js";
import { writesWith, type CommandDefinition } from "./command.js";
import type { AfterCommitStep, CommandContext } from "./context.js";
import { todayIn } from "./dates.js";
import type { Member, Role, Tenant } from "./domain.js";
import { PermissionDenied, UserError } from "./errors.js";
import { apologyReply, newErrorId } from "./apology.js";
import { checkCommandLine, closestName } from "./input-checks.js";
import { silentLogger, type Logger } from "./logger.js";
import { reply, type Reply } from "./reply.js";
import type { PickerOption, RapportApi } from "./service-api.js";
import type { Directory, Store } from "./store.js";
import { tokenize } from "./tokenize.js";
import { canonicalize, lookupWord, toHalfWidth, VOCABULARY, type VocabularySet } from "./i18n/vocabulary.js";
import { localizeTypedLine } from "./i18n/typed-line.js";
import { localizeUsage } from "./i18n/usage-line.js";
import { sliceCodePoints } from "./text/normalize.js";
import { CAPABILITY_ROLES, can, hasRole, type Capability } from "./permissions.js";
import { COMMAND_WORDS, commandName, createTranslator, isMessageKey, resolveLocale, type CommandWord, type Locale, type Translate } from "./i18n/index.js";
import { localizeMessage } from "./i18n/localized-messages.js";
import { adminsOf, channelRefsFor, type PlatformInfo } from "./platform.js";
import { runUndo } from "./undo.js";
import type { DigestService } from "./digests.js";
import { customerChoicesInMessage, findInMessage, ordersInMessage } from "./message-lookup-reply.js";
import { customerSearchScope, readsEveryCustomer } from "./customer-visibility.js";
import { dateSuggestions, dealSuggestions, invoiceSuggestions, quoteSuggestions, stageSuggestions, suggestionKindOf, validitySuggestions } from "./suggestions.js";

export type RapportOptions = {
  directory: Directory;
  commands: readonly CommandDefinition[];
  /** The platforms commands may name channels of and whose admins refusals point to (the composition root's list). */
  platforms?: readonly PlatformInfo[];
  /**
   * The digest service, once the composition root has started one. A function: its poster needs
   * the platforms, which are started with this core.
   */
  digests?: () => DigestService | null;
  clock?: () => Date;
  logger?: Logger;
  /** RAPPORT_LOCALE: the language when neither the member, the platform nor the workspace names one. */
  defaultLocale?: string;
  /** RAPPORT_PUBLIC_URL: cards link to their record's page under it; undefined: no links. */
  publicUrl?: string;
};

export type Rapport = RapportApi & {
  /** Resolves (creating on first use) the tenant and member behind an actor. */
  identify(actor: Actor): Promise<Identity>;
};

/** The tenant and member behind an actor, and the language replies to them are written in. */
export type Identity = { tenant: Tenant; member: Member; store: Store; locale: Locale };

function formatIssues(error: z.ZodError, t: Translate): { message: string; field?: string } {
  const issue = error.issues[0]!;
  const field = issue.path[0] === undefined ? undefined : String(issue.path[0]);
  // An option's own message ("The customer is missing.") wins over zod's generic one.
  const generic = issue.message.startsWith("Invalid input");
  const argument = field === undefined || t.locale === "en" ? field : t("forms.field", { field });
  const missing = argument === undefined ? t("error.anArgumentMissing") : t("error.argumentMissing", { argument });
  const message = issue.code === "invalid_type" && issue.input === undefined && generic ? missing : localizeMessage(issue.message, t);
  return { message, field };
}

const ENGLISH = createTranslator("en");

/** A command's name as the reader types it (`find` -> `查詢` for zh-TW). */
function localCommand(name: string, locale: Locale): string {
  return Object.hasOwn(COMMAND_WORDS, name) ? commandName(name as CommandWord, locale) : name;
}

/** An example command line in the reader's words (`log acme call` -> `記錄 acme 電話`). */
function localExample(example: string, locale: Locale): string {
  return localizeTypedLine(example, locale);
}

/** Replies carry the reader's language for the renderers' own words (paging, Share); absent means English. */
function inLocale(result: Reply, locale: Locale): Reply {
  return locale === "en" || result.locale ? result : { ...result, locale };
}

function userErrorReply(error: UserError, definition?: CommandDefinition, t: Translate = ENGLISH): Reply {
  const given = error.details.example ?? definition?.examples[0];
  const example = given === undefined ? undefined : localExample(given, t.locale);
  const message = localizeMessage(error.message, t);
  const result = reply.error(error.code, message);
  if (example) result.blocks.push({ type: "text", text: t("reply.example", { example: `/crm ${example}` }), tone: "muted" });
  if (error.details.choices?.length) {
    result.blocks.push({
      type: "buttons",
      buttons: error.details.choices.map((choice) => ({ label: choice.label, action: { kind: "run", command: choice.command } })),
    });
  }
  if (error.details.field) result.fieldErrors = { [error.details.field]: message };
  return result;
}

const VOCABULARY_SETS = Object.keys(VOCABULARY) as VocabularySet[];
const FIELD_VALUE_SETS: Readonly<Record<string, VocabularySet>> = { status: "status", stage: "stage", currency: "currency", language: "language" };

/** A choice as a form or Discord option gave it, in any language (`電話` -> `call`), else as given. */
function canonicalChoice(choices: readonly string[], value: string): string {
  const folded = toHalfWidth(value).trim();
  if (choices.includes(folded.toLowerCase())) return folded.toLowerCase();
  for (const set of VOCABULARY_SETS) {
    const word = lookupWord(set, folded);
    if (word && choices.includes(word)) return word;
  }
  return value;
}

/**
 * Structured input (Discord options, modal fields, buttons) read as typed text is: choices and
 * field names in any language, references folded to half-width. Free text is left as given.
 */
function canonicalArgs(definition: CommandDefinition, args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args };
  for (const option of definition.options) {
    const value = args[option.name];
    if (option.kind === "choice" && option.choices && typeof value === "string") out[option.name] = canonicalChoice(option.choices, value);
    else if ((option.kind === "customer" || option.kind === "order" || option.kind === "member") && typeof value === "string") out[option.name] = toHalfWidth(value);
    else if (option.kind === "fields" && value && typeof value === "object" && !Array.isArray(value)) {
      out[option.name] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => {
          const field = lookupWord("field", key) ?? key;
          const set = FIELD_VALUE_SETS[field];
          return [field, set && typeof item === "string" ? (lookupWord(set, item) ?? item) : item];
        }),
      );
    }
  }
  return out;
}

/** How long a replay waits for the first delivery's after-commit step (a post with its retries). */
const FINAL_REPLY_POLLS = 40;
const FINAL_REPLY_POLL_MS = 250;

export function createRapport(options: RapportOptions): Rapport {
  const { directory, commands } = options;
  const platforms = options.platforms ?? [];
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const byName = new Map(commands.map((definition) => [definition.name, definition]));

  async function identify(actor: Actor): Promise<Identity> {
    const tenant = await directory.ensureTenant({ platform: actor.platform, externalId: actor.tenantExternalId, name: actor.tenantName });
    const member = await directory.ensureMember(tenant, { externalId: actor.userExternalId, ...actor.profile });
    const locale = resolveLocale({
      memberChoice: member.locale,
      platformLocale: actor.profile?.locale,
      workspaceDefault: tenant.defaultLocale ?? actor.profile?.workspaceLocale,
      envDefault: options.defaultLocale,
    });
    return { tenant, member, store: directory.storeFor(tenant), locale };
  }

  /** The language before the member is known (an unknown command in structured input, a failed lookup). */
  function platformLocale(actor: Actor): Locale {
    return resolveLocale({ platformLocale: actor.profile?.locale, workspaceDefault: actor.profile?.workspaceLocale, envDefault: options.defaultLocale });
  }

  function whoAreAdmins(t: Translate, platform: string): string {
    const key = platforms.some((info) => info.id === platform) ? `platform.admins.${platform}` : "platform.admins.unknown";
    return isMessageKey(key) ? t(key) : adminsOf(platforms, platform);
  }

  function roleRequired(t: Translate, role: Role, command: string, platform: string): string {
    return t("error.roleRequired", { role, command: localCommand(command, t.locale), whoAreAdmins: whoAreAdmins(t, platform) });
  }

  function capabilityRequired(t: Translate, capability: Capability, command: string, platform: string): string {
    const roles = new Intl.ListFormat(t.locale, { type: "disjunction" }).format(CAPABILITY_ROLES[capability].map((role) => t(`choice.${role}`)));
    return t("error.capabilityRequired", { roles, command: localCommand(command, t.locale), whoAreAdmins: whoAreAdmins(t, platform) });
  }

  type Notice = { channelRef: string; reply: Reply };

  /** `sync` on demand: the acting surface lists its people, the directory upserts them in one transaction. */
  function peopleFor(actor: Actor, tenant: Tenant): Pick<CommandContext, "people"> {
    const { listPeople } = actor;
    const sync = directory.syncPeople?.bind(directory);
    if (!listPeople || !sync) return {};
    return {
      people: {
        async sync() {
          const { people, complete } = await listPeople();
          const summary = await sync(tenant, people, { complete });
          logger.info({ platform: actor.platform, tenant: tenant.id, ...summary }, "people synced on demand");
          return summary;
        },
      },
    };
  }

  function contextFor(actor: Actor, identity: Identity, store: Store, messageLink: string | undefined, notices: Notice[]): CommandContext {
    const now = clock();
    const timeZone = identity.member.timeZone;
    return {
      locale: identity.locale,
      t: createTranslator(identity.locale),
      store,
      tenant: identity.tenant,
      member: identity.member,
      platform: actor.platform,
      channels: channelRefsFor(platforms, actor.platform),
      now,
      timeZone,
      today: todayIn(timeZone, now),
      messageLink,
      commands,
      digests: options.digests?.()?.within(store) ?? null,
      ...(actor.channelRef ? { channelRef: actor.channelRef } : {}),
      ...peopleFor(actor, identity.tenant),
      announce: options.digests?.() ? (channelRef, reply) => notices.push({ channelRef, reply }) : null,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    };
  }

  /** Posts what a command announced, after its transaction committed; a failed post never fails the command. */
  function postNotices(notices: Notice[], tenant: Tenant, marker: string, log: Logger): void {
    const service = options.digests?.();
    if (!service) return;
    notices.forEach((notice, index) => {
      service
        .announce({ tenantExternalId: tenant.externalId, channelRef: notice.channelRef, reply: notice.reply, marker: `${marker}:${index}` })
        .catch((error: unknown) => log.warn({ err: error, channelRef: notice.channelRef }, "could not post a channel notice"));
    });
  }

  /** Runs a handler: reads directly, writes inside one transaction guarded by the idempotency key. */
  async function execute(
    definition: CommandDefinition,
    rawArgs: Record<string, unknown>,
    actor: Actor,
    idempotencyKey: string | undefined,
    messageLink: string | undefined,
    known?: Identity,
  ): Promise<Reply> {
    const identity = known ?? (await identify(actor));
    const t = createTranslator(identity.locale);
    // A request id ties every log line of one command together.
    const log = logger.child({
      requestId: randomBytes(6).toString("hex"),
      command: definition.name,
      tenant: identity.tenant.id,
      member: identity.member.id,
      platform: actor.platform,
    });
    try {
      assertActive(identity.member, t);
      if (definition.role && !hasRole(identity.member, definition.role)) {
        throw new PermissionDenied(roleRequired(t, definition.role, definition.name, actor.platform));
      }
      if (definition.capability && !can(identity.member, definition.capability)) {
        throw new PermissionDenied(capabilityRequired(t, definition.capability, definition.name, actor.platform));
      }
      const parsed = definition.schema.safeParse(rawArgs);
      if (!parsed.success) {
        const { message, field } = formatIssues(parsed.error, t);
        throw new UserError("bad_argument", t("error.withUsage", { message, usage: localizeUsage(definition.usage, t.locale, t) }), { field });
      }
      const notices: Notice[] = [];
      if (!writesWith(definition, parsed.data)) return await definition.handler(parsed.data, contextFor(actor, identity, identity.store, messageLink, notices));
      const after: { step?: AfterCommitStep } = {};
      const written = await identity.store.transaction(async (store) => {
        if (idempotencyKey) {
          const earlier = await store.idempotency.claim(idempotencyKey);
          if (earlier) return earlier;
        }
        const context = { ...contextFor(actor, identity, store, messageLink, notices), afterCommit: (step: AfterCommitStep) => void (after.step = step) };
        const result = await definition.handler(parsed.data, context);
        if (idempotencyKey) await store.idempotency.complete(idempotencyKey, after.step ? { ...result, provisional: true } : result);
        return result;
      });
      postNotices(notices, identity.tenant, idempotencyKey ?? randomBytes(8).toString("hex"), log);
      if (after.step) return await runAfterCommit(after.step, identity, definition, t, idempotencyKey);
      // A replay that arrived while the first delivery's post was still running gets its outcome.
      if (written.provisional && idempotencyKey) return await finalReply(identity, idempotencyKey, written);
      return written;
    } catch (error) {
      if (error instanceof PermissionDenied) {
        // Recorded outside the (rolled back) transaction so denied attempts stay visible.
        await identity.store.audit
          .record(identity.member.id, { action: "permission.denied", entity: "command", entityId: definition.name, after: { args: rawArgs } })
          .catch((auditError) => log.error({ err: auditError }, "could not audit a denied attempt"));
      }
      if (error instanceof UserError) return userErrorReply(error, definition, t);
      return apology(log, error, t);
    }
  }

  /**
   * The stored reply of a request whose after-commit step was still running, once that step has
   * stored its own: polled for a few seconds (the step is a post), else the provisional one.
   */
  async function finalReply(identity: Identity, idempotencyKey: string, provisional: Reply): Promise<Reply> {
    for (let attempt = 0; attempt < FINAL_REPLY_POLLS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, FINAL_REPLY_POLL_MS));
      const stored = await identity.store.transaction((store) => store.idempotency.claim(idempotencyKey));
      if (stored && !stored.provisional) return stored;
    }
    const { provisional: _provisional, ...shown } = provisional;
    return shown;
  }

  /** The step a handler left for after its commit (CommandContext.afterCommit): its reply, or refusal, becomes the stored one. */
  async function runAfterCommit(step: AfterCommitStep, identity: Identity, definition: CommandDefinition, t: Translate, idempotencyKey: string | undefined): Promise<Reply> {
    let final: Reply;
    try {
      final = await step({ store: identity.store, digests: options.digests?.() ?? null });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      final = userErrorReply(error, definition, t);
    }
    if (idempotencyKey) await identity.store.idempotency.complete(idempotencyKey, final);
    return final;
  }

  /** A member whose access was closed at a hand-over may not act; an admin reopens it with `role`. */
  function assertActive(member: Member, t: Translate): void {
    if (!member.active) throw new PermissionDenied(t("error.accessClosed"));
  }

  function apology(log: Logger, error: unknown, t: Translate = ENGLISH): Reply {
    const errorId = newErrorId();
    log.error({ err: error, errorId }, "command failed");
    return apologyReply(errorId, t);
  }

  const api: Rapport = {
    commands,
    identify,

    async runText({ actor, text, idempotencyKey, messageLink }) {
      let definition: CommandDefinition | undefined;
      let t = createTranslator(platformLocale(actor));
      try {
        const identity = await identify(actor);
        t = createTranslator(identity.locale);
        checkCommandLine(text, t);
        const [name = "help", ...words] = canonicalize(tokenize(text), { locale: identity.locale });
        definition = byName.get(name.toLowerCase());
        if (!definition) {
          const suggestion = closestName(name, [...byName.keys()]);
          const help = localCommand("help", t.locale);
          const message = suggestion
            ? t("error.noSuchCommandSuggest", { command: name, suggestion: localCommand(suggestion, t.locale), help })
            : t("error.noSuchCommandHelp", { command: name, help });
          throw new UserError("unknown_command", message, { example: suggestion ? localExample(byName.get(suggestion)!.examples[0]!, t.locale) : help });
        }
        const rawArgs = definition.parseText(words);
        return inLocale(await execute(definition, rawArgs, actor, idempotencyKey, messageLink, identity), t.locale);
      } catch (error) {
        if (error instanceof UserError) return inLocale(userErrorReply(error, definition, t), t.locale);
        return inLocale(apology(logger, error, t), t.locale);
      }
    },

    async runArgs({ actor, command, args, idempotencyKey }) {
      const definition = byName.get(command);
      if (!definition) {
        const t = createTranslator(platformLocale(actor));
        const result = reply.error("unknown_command", t("error.noSuchCommand", { command }));
        result.blocks.push({ type: "text", text: t("reply.example", { example: `/crm ${localCommand("help", t.locale)}` }), tone: "muted" });
        return inLocale(result, t.locale);
      }
      // The same input checks as typed text, on every string value, also inside `fields` objects.
      const strings = Object.values(args).flatMap((value) =>
        typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).filter((item) => typeof item === "string") : [],
      );
      let identity: Identity;
      try {
        identity = await identify(actor);
      } catch (error) {
        return inLocale(apology(logger, error, createTranslator(platformLocale(actor))), platformLocale(actor));
      }
      try {
        for (const value of strings) checkCommandLine(value, createTranslator(identity.locale));
      } catch (error) {
        return inLocale(userErrorReply(error as UserError, definition, createTranslator(identity.locale)), identity.locale);
      }
      const result = await execute(definition, canonicalArgs(definition, args), actor, idempotencyKey, typeof args.link === "string" ? args.link : undefined, identity);
      return inLocale(result, identity.locale);
    },

    async undo({ actor, token, idempotencyKey }) {
      const identity = await identify(actor);
      const t = createTranslator(identity.locale);
      try {
        assertActive(identity.member, t);
        return await identity.store.transaction(async (store) => {
          if (idempotencyKey) {
            const earlier = await store.idempotency.claim(idempotencyKey);
            if (earlier) return earlier;
          }
          const result = inLocale(await runUndo(store, identity.member, token, clock(), t), t.locale);
          if (idempotencyKey) await store.idempotency.complete(idempotencyKey, result);
          return result;
        });
      } catch (error) {
        if (error instanceof UserError) return inLocale(userErrorReply(error, undefined, t), t.locale);
        return inLocale(apology(logger, error, t), t.locale);
      }
    },

    async pick({ actor, kind, query, limit }): Promise<PickerOption[]> {
      const { store, member, tenant } = await identify(actor);
      if (!member.active) return [];
      const text = sliceCodePoints(query, 100);
      if (kind === "customer") {
        if (!text.trim()) return [];
        const hits = await store.customers.search(text, { limit, ...customerSearchScope({ tenant, member }) });
        return hits.map((hit) => ({ label: sliceCodePoints(`${hit.name}${hit.city ? ` (${hit.city})` : ""}`, 100), value: `#${hit.id}` }));
      }
      if (kind === "order") {
        const orders = await store.orders.pick(text, limit, customerSearchScope({ tenant, member }));
        return orders.map((order) => ({ label: sliceCodePoints(`${order.number} · ${order.customerName} · ${order.status}`, 100), value: order.number }));
      }
      const members = await store.members.search(text, limit);
      return members.map((member) => ({ label: sliceCodePoints(member.displayName, 100), value: `#${member.id}` }));
    },

    async suggest({ actor, command, option, query, limit }): Promise<PickerOption[]> {
      const definition = byName.get(command);
      const spec = definition?.options.find((candidate) => candidate.name === option);
      const kind = definition && spec ? suggestionKindOf(definition.name, spec) : undefined;
      if (!definition || !kind) return [];
      const { store, member, locale, tenant } = await identify(actor);
      // Nothing is suggested for a command the member may not run (the receipts behind `pay`'s invoices).
      if (!member.active || (definition.role && !hasRole(member, definition.role)) || (definition.capability && !can(member, definition.capability))) return [];
      const t = createTranslator(locale);
      const text = sliceCodePoints(query, 100);
      switch (kind) {
        case "date":
          return dateSuggestions({ query: text, t, timeZone: member.timeZone, now: clock(), limit });
        case "validity":
          return validitySuggestions({ query: text, t, timeZone: member.timeZone, now: clock(), limit });
        case "dealStage":
          return stageSuggestions({ stages: await store.deals.stages(), query: text, t, limit });
        case "dealId": {
          // The member's own open deals first; someone with none of their own (a manager) sees the team's.
          const own = await store.deals.list({ status: "open", ownerId: member.id, limit: 100, offset: 0 });
          // A rep of an "own" workspace is offered only their own deals (customer-visibility.ts).
          const team = own.items.length || !readsEveryCustomer({ tenant, member }) ? null : await store.deals.list({ status: "open", limit: 100, offset: 0 });
          const deals = team ? team.items : own.items;
          return dealSuggestions({ deals, query: text, t, limit });
        }
        case "quoteNumber":
          return quoteSuggestions({ quotes: await store.quotes.recentOpen({ fragment: text, memberId: member.id, limit, scope: customerSearchScope({ tenant, member }) }), t });
        case "openInvoice":
          return invoiceSuggestions({
            // Every customer's: recording receipts is for managers, admins and finance, who read every customer (customer-visibility.ts).
            invoices: await store.ledger.openInvoicesMatching({ fragment: text, limit }),
            workspaceCurrency: tenant.currency,
            t,
            today: todayIn(member.timeZone, clock()),
          });
      }
    },

    async lookupMessage({ actor, text, kind }) {
      let t = createTranslator(platformLocale(actor));
      try {
        const identity = await identify(actor);
        t = createTranslator(identity.locale);
        assertActive(identity.member, t);
        const run = async (command: string, args: Record<string, unknown>): Promise<Reply> => {
          const definition = byName.get(command);
          return definition ? execute(definition, args, actor, undefined, undefined, identity) : reply.error("unknown_command", t("error.noSuchCommand", { command }));
        };
        const lookup = kind === "orders" ? ordersInMessage : findInMessage;
        return inLocale(await lookup({ store: identity.store, scope: customerSearchScope(identity), text, t, run }), t.locale);
      } catch (error) {
        if (error instanceof UserError) return inLocale(userErrorReply(error, undefined, t), t.locale);
        return inLocale(apology(logger, error, t), t.locale);
      }
    },

    async customersInMessage({ actor, text, limit }) {
      const { store, member, tenant } = await identify(actor);
      if (!member.active) return [];
      return customerChoicesInMessage(store, text, limit, customerSearchScope({ tenant, member }));
    },

    async syncPeople({ platform, tenantExternalId, tenantName, people, complete }) {
      if (!directory.syncPeople) throw new Error("this directory cannot sync people");
      const tenant = await directory.ensureTenant({ platform, externalId: tenantExternalId, ...(tenantName ? { name: tenantName } : {}) });
      const summary = await directory.syncPeople(tenant, people, { complete: complete ?? false });
      logger.info({ platform, tenant: tenant.id, ...summary }, "people synced");
      return summary;
    },

    async localeOf({ actor }) {
      try {
        return (await identify(actor)).locale;
      } catch (error) {
        logger.warn({ err: error, platform: actor.platform }, "Could not look up the member; using the platform's language");
        return platformLocale(actor);
      }
    },

    async linkPreviews({ actor, channelRef }) {
      const { member, store } = await identify(actor);
      if (!member.active) return false;
      return store.channelSettings.linkPreviews(channelRef);
    },

    async claimTimeZoneQuestion({ actor }) {
      const { member, store } = await identify(actor);
      if (!member.active || member.timeZoneChosen) return null;
      return (await store.members.claimTimeZoneQuestion(member.id, clock())) ? { timeZone: member.timeZone } : null;
    },
  };
  return api;
}
