import type { Reply } from "../../src/core/reply.js";

/** The token of a reply's Undo button (the first card that has one); throws when there is none. */
export function undoToken(reply: Reply): string {
  for (const block of reply.blocks) {
    if (block.type !== "card") continue;
    const button = block.buttons?.find((item) => item.action.kind === "undo");
    if (button?.action.kind === "undo") return button.action.token;
  }
  throw new Error(`no undo button in ${reply.title}`);
}
