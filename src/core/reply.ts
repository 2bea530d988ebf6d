/**
 * The neutral reply model. Every command returns one of these; each surface (console text,
 * Slack Block Kit, Discord embeds) has a renderer that turns it into platform payloads and
 * enforces that platform's limits. All strings here are PLAIN user text: renderers escape them.
 */

import type { Locale } from "./i18n/locale.js";

/** A button. `action` says what the adapter should do when it is pressed. */
export type Button = {
  label: string;
  style?: "primary" | "danger";
  action:
    /** Run this command line as the presser (re-checked like typed input, so a forged value gains nothing). */
    | { kind: "run"; command: string }
    /** Open the form (modal) for this command, prefilled with these argument values. */
    | { kind: "form"; command: string; prefill: Record<string, string> }
    /** Post the ephemeral reply this button sits on into the channel. */
    | { kind: "share" }
    /** Undo a write within its time window; the token is checked against tenant and member. */
    | { kind: "undo"; token: string };
};

export type Field = { label: string; value: string; inline?: boolean };

export type Block =
  | { type: "text"; text: string; tone?: "normal" | "muted" | "warning" | "error" }
  | { type: "fields"; fields: Field[] }
  | {
      type: "card";
      title: string;
      subtitle?: string;
      /** Optional link target (e.g. a chat message permalink); renderers validate the scheme. */
      url?: string;
      fields: Field[];
      text?: string;
      buttons?: Button[];
    }
  | { type: "list"; title?: string; items: ListItem[] }
  | { type: "table"; title?: string; columns: string[]; rows: string[][]; align?: ("left" | "right")[] }
  | { type: "buttons"; buttons: Button[] }
  | { type: "divider" };

export type ListItem = { title: string; detail?: string; buttons?: Button[] };

export type Paging = {
  page: number;
  pageCount: number;
  totalItems: number;
  /** Command lines that show the neighbouring pages. */
  previous?: string;
  next?: string;
};

export type Reply = {
  /** Short headline, also used as notification/fallback text. */
  title: string;
  blocks: Block[];
  /** ephemeral: only the person who asked sees it (with a Share button where the platform allows). */
  visibility: "ephemeral" | "channel";
  paging?: Paging;
  /** True when the reply reports a failure: the user's (bad input, not found, denied) or ours (an apology). */
  isError?: boolean;
  /** With `isError`: what failed, for machines (`bad_argument`, `not_found`, `internal`, ...). */
  code?: string;
  /** For form submissions: option name -> what is wrong with it (Slack shows these on the fields). */
  fieldErrors?: Record<string, string>;
  /** Files that go with the reply (chart PNGs, exports): the console saves them, chat adapters upload them. */
  attachments?: Attachment[];
  /** The reader's language, for the words renderers add (paging, Share in channel); absent means English. */
  locale?: Locale;
  /** Stored for a replay while the command's after-commit step (a post) still runs; the final reply replaces it. */
  provisional?: boolean;
};

/** A file attached to a reply. `altText` describes it for screen readers and where files cannot be shown. */
export type Attachment = { filename: string; contentType: string; data: Uint8Array; altText: string };

export const reply = {
  of(title: string, blocks: Block[], options: Partial<Omit<Reply, "title" | "blocks">> = {}): Reply {
    return { title, blocks, visibility: options.visibility ?? "ephemeral", ...options };
  },
  text(title: string, text?: string): Reply {
    return { title, blocks: text ? [{ type: "text", text }] : [], visibility: "ephemeral" };
  },
  /** `exampleLine` is shown as given, already in the reader's words ("Example: /crm find acme"). */
  error(code: string, message: string, exampleLine?: string): Reply {
    const blocks: Block[] = [{ type: "text", text: message, tone: "error" }];
    if (exampleLine) blocks.push({ type: "text", text: exampleLine, tone: "muted" });
    return { title: message, blocks, visibility: "ephemeral", isError: true, code };
  },
};

/**
 * The reply as a channel sees it when its owner shares it: without Undo buttons. Only the author
 * may undo, and undoing would not take back the shared message, so in a channel they only mislead.
 */
export function forSharing(shared: Reply): Reply {
  const keep = (buttons: Button[] | undefined) => buttons?.filter((button) => button.action.kind !== "undo");
  const blocks = shared.blocks.flatMap((block): Block[] => {
    if (block.type === "buttons") {
      const buttons = keep(block.buttons)!;
      return buttons.length ? [{ ...block, buttons }] : [];
    }
    if (block.type === "card" && block.buttons) return [{ ...block, buttons: keep(block.buttons) }];
    if (block.type === "list") return [{ ...block, items: block.items.map((item) => (item.buttons ? { ...item, buttons: keep(item.buttons) } : item)) }];
    return [block];
  });
  return { ...shared, visibility: "channel", blocks };
}
