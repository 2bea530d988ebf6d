/**
 * Button actions <-> Discord `custom_id` (at most 100 characters, unique within a message).
 *
 * Format: `<kind><slot>:<payload>`; the slot (the button's position) keeps ids unique when two buttons
 * carry the same action. Short payloads travel inline; longer ones are parked in a bounded in-memory
 * map under a random token (`t<slot>:<token>`). Nothing decoded here is trusted: run lines are
 * re-run as the presser (the core re-checks them like typed input), undo tokens are checked by the
 * core against tenant and member, form prefills only prefill.
 */
import { randomBytes } from "node:crypto";
import type { ButtonAction } from "../../kit/button-action.js";
import { DISCORD_LIMITS } from "./limits.js";

export type DecodedButton = ButtonAction | { kind: "expired" };

export type ButtonCodec = {
  encode(action: ButtonAction, slot: number): string;
  /** `undefined` when the id is not one of ours. */
  decode(customId: string): DecodedButton | undefined;
};

const KIND_CODES = { run: "r", page: "p", form: "f", undo: "u", share: "s" } as const;

function inlinePayload(action: ButtonAction): string {
  switch (action.kind) {
    case "run":
    case "page":
      return action.command;
    case "form": {
      const query = new URLSearchParams(action.prefill).toString();
      return query ? `${action.command}?${query}` : action.command;
    }
    case "undo":
      return action.token;
    case "share":
      return "";
  }
}

function parseInline(code: string, payload: string): ButtonAction | undefined {
  switch (code) {
    case "r":
      return payload ? { kind: "run", command: payload } : undefined;
    case "p":
      return payload ? { kind: "page", command: payload } : undefined;
    case "u":
      return payload ? { kind: "undo", token: payload } : undefined;
    case "s":
      return { kind: "share" };
    case "f": {
      const [command = "", query = ""] = payload.split(/\?(.*)/s);
      if (!command) return undefined;
      return { kind: "form", command, prefill: Object.fromEntries(new URLSearchParams(query)) };
    }
    default:
      return undefined;
  }
}

export function createButtonCodec(
  options: {
    /** How long parked payloads stay valid. */
    ttlMs?: number;
    maxEntries?: number;
    now?: () => number;
    newToken?: () => string;
  } = {},
): ButtonCodec {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const newToken = options.newToken ?? (() => randomBytes(9).toString("base64url"));
  const parked = new Map<string, { action: ButtonAction; expiresAt: number }>();

  return {
    encode(action, slot) {
      const prefix = `${KIND_CODES[action.kind]}${slot}:`;
      const inline = prefix + inlinePayload(action);
      if (inline.length <= DISCORD_LIMITS.customId) return inline;
      while (parked.size >= maxEntries) {
        const oldest = parked.keys().next().value;
        if (oldest === undefined) break;
        parked.delete(oldest);
      }
      const token = newToken();
      parked.set(token, { action, expiresAt: now() + ttlMs });
      return `t${slot}:${token}`;
    },
    decode(customId) {
      const match = customId.match(/^([rpfust])(\d{1,2}):(.*)$/s);
      if (!match) return undefined;
      const [, code = "", , payload = ""] = match;
      if (code !== "t") return parseInline(code, payload);
      const entry = parked.get(payload);
      if (!entry || entry.expiresAt < now()) {
        parked.delete(payload);
        return { kind: "expired" };
      }
      return entry.action;
    },
  };
}
