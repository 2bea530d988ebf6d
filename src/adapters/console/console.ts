/**
 * The console adapter: type the same commands as in Slack (with or without "/crm") and see the
 * same replies as text. Reads one command per line; with stdin not a TTY it prints each reply
 * and returns at end of input. `undo <token>` presses an Undo button.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Actor } from "../../core/actor.js";
import type { RapportApi } from "../../core/service-api.js";
import { renderText } from "./render-text.js";

export const CONSOLE_TENANT = "local";

export function consoleActor(handle: string, timeZone?: string): Actor {
  return {
    platform: "console",
    tenantExternalId: CONSOLE_TENANT,
    tenantName: "Console",
    userExternalId: handle,
    profile: timeZone ? { timeZone } : undefined,
  };
}

export async function runConsole(options: {
  api: RapportApi;
  actor: Actor;
  input: Readable;
  output: Writable;
  interactive: boolean;
  banner?: string;
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
    const undo = /^undo\s+([\w-]{8,})$/.exec(line);
    const result = undo ? await api.undo({ actor, token: undo[1]! }) : await api.runText({ actor, text: line });
    output.write(`${renderText(result)}\n\n`);
    prompt();
  }
}
