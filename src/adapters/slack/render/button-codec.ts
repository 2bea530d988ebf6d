/**
 * Button actions <-> Block Kit `action_id` + `value`.
 *
 * `action_id` is `rapport:<kind>:<slot>` (the slot keeps ids unique within a message, which Slack
 * requires); `value` (at most 2000 characters) carries the payload: the command line for run/page,
 * `{"c":command,"p":prefill}` for forms, the undo token, or the share token. Nothing decoded here is
 * trusted: run lines are re-run as the presser, undo tokens are checked by the core against tenant and
 * member, prefills only prefill a form the presser still submits.
 */
import type { ButtonAction } from "../../kit/button-action.js";
import { SLACK_LIMITS } from "./limits.js";

export const ACTION_ID_PATTERN = {
  run: /^rapport:run:\d+$/,
  page: /^rapport:page:\d+$/,
  form: /^rapport:form:\d+$/,
  undo: /^rapport:undo:\d+$/,
  share: /^rapport:share:\d+$/,
} as const;

export type EncodedButton = { action_id: string; value: string };

/** The share action needs the token of the reply it shares; the renderer passes it in. */
export function encodeButton(action: ButtonAction, slot: number, shareToken?: string): EncodedButton | undefined {
  const action_id = `rapport:${action.kind}:${slot}`;
  const fits = (value: string) => (value.length > 0 && value.length <= SLACK_LIMITS.buttonValue ? { action_id, value } : undefined);
  switch (action.kind) {
    case "run":
    case "page":
      return fits(action.command);
    case "undo":
      return fits(action.token);
    case "share":
      return shareToken ? fits(shareToken) : undefined;
    case "form": {
      // A prefill is a convenience: drop the longest values until the payload fits.
      const prefill = { ...action.prefill };
      for (;;) {
        const value = JSON.stringify({ c: action.command, p: prefill });
        if (value.length <= SLACK_LIMITS.buttonValue) return { action_id, value };
        const longest = Object.keys(prefill).sort((a, b) => (prefill[b] ?? "").length - (prefill[a] ?? "").length)[0];
        if (longest === undefined) return undefined;
        delete prefill[longest];
      }
    }
  }
}

/** `undefined` when the action is not one of ours or its value is malformed. */
export function decodeButton(actionId: string, value: string | undefined): ButtonAction | undefined {
  const kind = /^rapport:(run|page|form|undo|share):\d+$/.exec(actionId)?.[1];
  if (!kind || !value) return undefined;
  switch (kind) {
    case "run":
    case "page":
      return { kind, command: value };
    case "undo":
      return { kind: "undo", token: value };
    case "share":
      return { kind: "share" };
    case "form": {
      try {
        const parsed = JSON.parse(value) as { c?: unknown; p?: unknown };
        if (typeof parsed.c !== "string" || !parsed.c) return undefined;
        const prefill: Record<string, string> = {};
        if (parsed.p && typeof parsed.p === "object") {
          for (const [key, entry] of Object.entries(parsed.p)) if (typeof entry === "string") prefill[key] = entry;
        }
        return { kind: "form", command: parsed.c, prefill };
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}
