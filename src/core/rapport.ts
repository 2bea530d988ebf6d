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
import type { CommandContext } from "./context.js";
import { todayIn } from "./dates.js";
import type { Member, Tenant } from "./domain.js";
import { PermissionDenied, UserError } from "./errors.js";
import { apologyReply, newErrorId } from "./apology.js";
import { checkCommandLine, closestName } from "./input-checks.js";
import { silentLogger, type Logger } from "./logger.js";
import { reply, type Reply } from "./reply.js";
import type { PickerOption, RapportApi } from "./service-api.js";
import type { Directory, Store } from "./store.js";
import { tokenize } from "./tokenize.js";
import { sliceCodePoints } from "./text/normalize.js";
import { hasRole, roleRequiredMessage } from "./permissions.js";
import { adminsOf, channelRefsFor, type PlatformInfo } from "./platform.js";
import { runUndo } from "./undo.js";
import type { DigestService } from "./digests.js";

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
};

export type Rapport = RapportApi & {
  /** Resolves (creating on first use) the tenant and member behind an actor. */
  identify(actor: Actor): Promise<{ tenant: Tenant; member: Member; store: Store }>;
};

function formatIssues(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0]!;
  const field = issue.path[0] === undefined ? undefined : String(issue.path[0]);
  // An option's own message ("The customer is missing.") wins over zod's generic one.
  const generic = issue.message.startsWith("Invalid input");
  const message = issue.code === "invalid_type" && issue.input === undefined && generic ? `${field ?? "An argument"} is missing.` : issue.message;
  return { message, field };
}

function userErrorReply(error: UserError, definition?: CommandDefinition): Reply {
  const example = error.details.example ?? definition?.examples[0];
  const result = reply.error(error.code, error.message, example ? `/crm ${example}` : undefined);
  if (error.details.choices?.length) {
    result.blocks.push({
      type: "buttons",
      buttons: error.details.choices.map((choice) => ({ label: choice.label, action: { kind: "run", command: choice.command } })),
    });
  }
  if (error.details.field) result.fieldErrors = { [error.details.field]: error.message };
  return result;
}

export function createRapport(options: RapportOptions): Rapport {
  const { directory, commands } = options;
  const platforms = options.platforms ?? [];
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const byName = new Map(commands.map((definition) => [definition.name, definition]));

  async function identify(actor: Actor) {
    const tenant = await directory.ensureTenant({ platform: actor.platform, externalId: actor.tenantExternalId, name: actor.tenantName });
    const member = await directory.ensureMember(tenant, { externalId: actor.userExternalId, ...actor.profile });
    return { tenant, member, store: directory.storeFor(tenant) };
  }

  function contextFor(actor: Actor, identity: Awaited<ReturnType<typeof identify>>, store: Store, messageLink?: string): CommandContext {
    const now = clock();
    const timeZone = identity.member.timeZone;
    return {
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
    };
  }

  /** Runs a handler: reads directly, writes inside one transaction guarded by the idempotency key. */
  async function execute(
    definition: CommandDefinition,
    rawArgs: Record<string, unknown>,
    actor: Actor,
    idempotencyKey: string | undefined,
    messageLink: string | undefined,
  ): Promise<Reply> {
    const identity = await identify(actor);
    // A request id ties every log line of one command together.
    const log = logger.child({
      requestId: randomBytes(6).toString("hex"),
      command: definition.name,
      tenant: identity.tenant.id,
      member: identity.member.id,
      platform: actor.platform,
    });
    try {
      assertActive(identity.member);
      if (definition.role && !hasRole(identity.member, definition.role)) {
        throw new PermissionDenied(roleRequiredMessage(definition.role, definition.name, adminsOf(platforms, actor.platform)));
      }
      const parsed = definition.schema.safeParse(rawArgs);
      if (!parsed.success) {
        const { message, field } = formatIssues(parsed.error);
        throw new UserError("bad_argument", `${message} Usage: ${definition.usage}`, { field });
      }
      if (!writesWith(definition, parsed.data)) return await definition.handler(parsed.data, contextFor(actor, identity, identity.store, messageLink));
      return await identity.store.transaction(async (store) => {
        if (idempotencyKey) {
          const earlier = await store.idempotency.claim(idempotencyKey);
          if (earlier) return earlier;
        }
        const result = await definition.handler(parsed.data, contextFor(actor, identity, store, messageLink));
        if (idempotencyKey) await store.idempotency.complete(idempotencyKey, result);
        return result;
      });
    } catch (error) {
      if (error instanceof PermissionDenied) {
        // Recorded outside the (rolled back) transaction so denied attempts stay visible.
        await identity.store.audit
          .record(identity.member.id, { action: "permission.denied", entity: "command", entityId: definition.name, after: { args: rawArgs } })
          .catch((auditError) => log.error({ err: auditError }, "could not audit a denied attempt"));
      }
      if (error instanceof UserError) return userErrorReply(error, definition);
      return apology(log, error);
    }
  }

  /** A member whose access was closed at a hand-over may not act; an admin reopens it with `role`. */
  function assertActive(member: Member): void {
    if (!member.active) {
      throw new PermissionDenied(`Your access to Rapport in this workspace was closed when your customers were handed over. If that is a mistake, ask an admin to reopen it (role @you rep).`);
    }
  }

  function apology(log: Logger, error: unknown): Reply {
    const errorId = newErrorId();
    log.error({ err: error, errorId }, "command failed");
    return apologyReply(errorId);
  }

  const api: Rapport = {
    commands,
    identify,

    async runText({ actor, text, idempotencyKey, messageLink }) {
      let definition: CommandDefinition | undefined;
      try {
        checkCommandLine(text);
        const [name = "help", ...words] = tokenize(text);
        definition = byName.get(name.toLowerCase());
        if (!definition) {
          const suggestion = closestName(name, [...byName.keys()]);
          throw new UserError("unknown_command", `There is no command "${name}".${suggestion ? ` Did you mean ${suggestion}?` : ""} Type help to list them.`, {
            example: suggestion ? byName.get(suggestion)!.examples[0] : "help",
          });
        }
        const rawArgs = definition.parseText(words);
        return await execute(definition, rawArgs, actor, idempotencyKey, messageLink);
      } catch (error) {
        if (error instanceof UserError) return userErrorReply(error, definition);
        return apology(logger, error);
      }
    },

    async runArgs({ actor, command, args, idempotencyKey }) {
      const definition = byName.get(command);
      if (!definition) return reply.error("unknown_command", `There is no command "${command}".`, "/crm help");
      // The same input checks as typed text, on every string value, also inside `fields` objects.
      const strings = Object.values(args).flatMap((value) =>
        typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).filter((item) => typeof item === "string") : [],
      );
      try {
        for (const value of strings) checkCommandLine(value);
      } catch (error) {
        return userErrorReply(error as UserError, definition);
      }
      return execute(definition, args, actor, idempotencyKey, typeof args.link === "string" ? args.link : undefined);
    },

    async undo({ actor, token, idempotencyKey }) {
      const identity = await identify(actor);
      try {
        assertActive(identity.member);
        return await identity.store.transaction(async (store) => {
          if (idempotencyKey) {
            const earlier = await store.idempotency.claim(idempotencyKey);
            if (earlier) return earlier;
          }
          const result = await runUndo(store, identity.member, token, clock());
          if (idempotencyKey) await store.idempotency.complete(idempotencyKey, result);
          return result;
        });
      } catch (error) {
        if (error instanceof UserError) return userErrorReply(error);
        return apology(logger, error);
      }
    },

    async pick({ actor, kind, query, limit }): Promise<PickerOption[]> {
      const { store, member } = await identify(actor);
      if (!member.active) return [];
      const text = sliceCodePoints(query, 100);
      if (kind === "customer") {
        if (!text.trim()) return [];
        const hits = await store.customers.search(text, { limit });
        return hits.map((hit) => ({ label: sliceCodePoints(`${hit.name}${hit.city ? ` (${hit.city})` : ""}`, 100), value: `#${hit.id}` }));
      }
      if (kind === "order") {
        const orders = await store.orders.pick(text, limit);
        return orders.map((order) => ({ label: sliceCodePoints(`${order.number} · ${order.customerName} · ${order.status}`, 100), value: order.number }));
      }
      const members = await store.members.search(text, limit);
      return members.map((member) => ({ label: sliceCodePoints(member.displayName, 100), value: `#${member.id}` }));
    },
  };
  return api;
}
