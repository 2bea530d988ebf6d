/**
 * The console as a Platform. Its channels are on the server (stdout, files inside the operator's
 * allow-list), so only the console tenant may post there: the console poster refuses every other
 * tenant, and the digest service refuses a console ref for a chat tenant before that.
 *
 * `rapport start` does not serve the console next to chat platforms (it runs on its own: `rapport
 * console`, or `rapport start` with nothing configured), but its poster always runs, for the
 * console tenant's console:stdout and console:file: digests.
 */
import type { Writable } from "node:stream";
import type { ChannelRefs, Platform } from "../../core/platform.js";
import { CONSOLE_TENANT } from "../../core/console-tenant.js";
import { createConsolePoster } from "./digest-poster.js";
import { createTranslator } from "../../core/i18n/index.js";

/** This platform's words in English; the catalogs (platform.admins.console, platform.howToPick.console) have them in every language. */
const ENGLISH = createTranslator("en");

const CONSOLE_REF = /^(console:stdout|console:file:\S+)$/;

export const consoleChannels: ChannelRefs = {
  parse(typed, typedOn) {
    const text = typed.trim();
    if (CONSOLE_REF.test(text)) return text;
    if (typedOn === "console" && (text === "stdout" || text === "here")) return "console:stdout";
    return null;
  },
  format: (channelRef) => channelRef,
  howToPick: ENGLISH("platform.howToPick.console"),
  example: "console:stdout",
};

export function createConsolePlatform(options: { output: Writable }): Platform<{ RAPPORT_DIGEST_FILE_DIRS: readonly string[] }> {
  return {
    id: "console",
    name: "the console",
    admins: ENGLISH("platform.admins.console"),
    channels: consoleChannels,
    forms: false,
    files: "save",
    isConfigured: () => false,
    async start({ config }) {
      return {
        poster: createConsolePoster({ output: options.output, fileDirs: config.RAPPORT_DIGEST_FILE_DIRS, tenant: CONSOLE_TENANT }),
        stop: async () => undefined,
      };
    },
  };
}
