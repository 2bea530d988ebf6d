/**
 * The console adapter: type the same commands as in Slack (with or without "/crm") and see the
 * same replies as text. Reads one command per line; with stdin not a TTY it prints each reply
 * and returns at end of input. `undo <token>` (in any of the four languages) presses an Undo button.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Actor } from "../../core/actor.js";
import type { RapportApi } from "../../core/service-api.js";
import { renderText, UNDO_WORDS } from "./render-text.js";
import { translatorFor } from "../kit/paging.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Attachment } from "../../core/reply.js";
import { CONSOLE_LOCAL_USER, CONSOLE_TENANT } from "../../core/console-tenant.js";

/** `undo <token>` (or 撤销 / 復原 / 취소): presses the Undo button the console printed. */
const UNDO_LINE = new RegExp(`^(?:${Object.values(UNDO_WORDS).join("|")})\\s+([\\w-]{8,})$`);

/** Writes each attachment into `dir` (never outside it) and returns the paths written. */
export function saveAttachments(attachments: readonly Attachment[], dir: string): string[] {
  if (attachments.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  return attachments.map((attachment) => {
    const path = resolve(join(dir, basename(attachment.filename) || "attachment"));
    writeFileSync(path, attachment.data);
    return path;
  });
}

/** The local user administers the console workspace; `--as bob` acts as a plain member; `--locale ko` answers in Korean. */
export function consoleActor(handle: string, timeZone?: string, locale?: string): Actor {
  const profile = {
    ...(timeZone ? { timeZone } : {}),
    ...(locale ? { locale } : {}),
    ...(handle === CONSOLE_LOCAL_USER ? { isPlatformAdmin: true } : {}),
  };
  return {
    platform: "console",
    tenantExternalId: CONSOLE_TENANT,
    tenantName: "Console",
    userExternalId: handle,
    channelRef: "console:stdout",
    ...(Object.keys(profile).length ? { profile } : {}),
  };
}

export async function runConsole(options: {
  api: RapportApi;
  actor: Actor;
  input: Readable;
  output: Writable;
  interactive: boolean;
  banner?: string;
  /** Where attachments (charts, exports) are saved (RAPPORT_OUTPUT_DIR); default the current directory. */
  outputDir?: string;
}): Promise<void> {
  const { api, actor, output } = options;
  const lines = createInterface({ input: options.input, terminal: options.interactive, crlfDelay: Infinity });
  const prompt = () => options.interactive && output.write("crm> ");
  if (options.banner) output.write(`${options.banner}\n`);
  prompt();
  for await (const raw of lines) {
    const line = raw.trim().replace(/^\/crm\b\s*/, "");
    if (line === "quit" || line === "exit") break;
    if (!line) {
      prompt();
      continue;
    }
    if (!options.interactive) output.write(`> ${line}\n`);
    const undo = UNDO_LINE.exec(line);
    const result = undo ? await api.undo({ actor, token: undo[1]! }) : await api.runText({ actor, text: line });
    output.write(`${renderText(result)}\n`);
    for (const saved of saveAttachments(result.attachments ?? [], options.outputDir ?? process.cwd())) {
      output.write(`${translatorFor(result)("surface.savedFile", { path: saved })}\n`);
    }
    output.write("\n");
    prompt();
  }
}
