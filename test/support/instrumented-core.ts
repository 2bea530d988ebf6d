/**
 * The real core seen through a thin wrapper that adapter tests can steer: it records every call
 * and every reply, can delay calls (a slow database), throw once (an unexpected fault) or pass the
 * real reply through a function (e.g. `forSharing`, for a reply meant for the whole channel).
 */
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import type { PickerOption, RapportApi } from "../../src/core/service-api.js";

export type CoreCall =
  | { fn: "runText"; actor: Actor; text: string; idempotencyKey?: string; messageLink?: string }
  | { fn: "runArgs"; actor: Actor; command: string; args: Record<string, unknown>; idempotencyKey?: string }
  | { fn: "undo"; actor: Actor; token: string; idempotencyKey?: string }
  | { fn: "pick"; actor: Actor; kind: "customer" | "order" | "member"; query: string; limit: number };

export type InstrumentedCore = RapportApi & {
  readonly calls: CoreCall[];
  callsOf<F extends CoreCall["fn"]>(fn: F): Extract<CoreCall, { fn: F }>[];
  /** Added before every call reaches the real core (ms). */
  latencyMs: number;
  /** Thrown by the next call instead of reaching the real core. */
  failNext: Error | undefined;
  /** Applied to every reply of the real core before the adapter sees it. */
  mapReply: ((reply: Reply) => Reply) | undefined;
  /** The replies the adapter received, oldest first. */
  readonly replies: Reply[];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function instrumentCore(real: RapportApi): InstrumentedCore {
  const calls: CoreCall[] = [];
  const replies: Reply[] = [];
  const answer = async (reply: Promise<Reply>): Promise<Reply> => {
    const seen = core.mapReply ? core.mapReply(await reply) : await reply;
    replies.push(seen);
    return seen;
  };
  const core: InstrumentedCore = {
    commands: real.commands,
    calls,
    replies,
    latencyMs: 0,
    failNext: undefined,
    mapReply: undefined,
    callsOf: <F extends CoreCall["fn"]>(fn: F) => calls.filter((call): call is Extract<CoreCall, { fn: F }> => call.fn === fn),
    runText: (input) => around({ fn: "runText", ...input }, () => answer(real.runText(input))),
    runArgs: (input) => around({ fn: "runArgs", ...input }, () => answer(real.runArgs(input))),
    undo: (input) => around({ fn: "undo", ...input }, () => answer(real.undo(input))),
    pick: (input) => around({ fn: "pick", ...input }, () => real.pick(input)),
    ...(real.lookupMessage ? { lookupMessage: real.lookupMessage.bind(real) } : {}),
    ...(real.customersInMessage ? { customersInMessage: real.customersInMessage.bind(real) } : {}),
    ...(real.linkPreviews ? { linkPreviews: real.linkPreviews.bind(real) } : {}),
  };

  async function around<T extends Reply | PickerOption[]>(call: CoreCall, run: () => Promise<T>): Promise<T> {
    calls.push(call);
    if (core.latencyMs > 0) await sleep(core.latencyMs);
    const fault = core.failNext;
    if (fault) {
      core.failNext = undefined;
      throw fault;
    }
    return run();
  }

  return core;
}
