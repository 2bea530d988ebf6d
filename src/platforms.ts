/**
 * The platforms Rapport knows, in start order. A new platform is its adapter folder (a
 * `platform.ts` implementing src/core/platform.ts) and one entry here; see docs/extending.md.
 */
import type { Config } from "./config.js";
import type { Platform } from "./core/platform.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { createConsolePlatform } from "./adapters/console/platform.js";
import { createSlackPlatform } from "./adapters/slack/platform.js";
import { discordPlatform } from "./adapters/discord/platform.js";
import { createInstallationRecords } from "./data/slack-installation-store.js";

/** `prisma` is asked for only when Slack starts with OAuth: its installations live in the database. */
export function builtInPlatforms(prisma: () => PrismaClient): readonly Platform<Config>[] {
  return [
    createConsolePlatform({ output: process.stdout }),
    createSlackPlatform({ installations: (secretKey) => createInstallationRecords({ prisma: prisma(), secretKey }) }),
    discordPlatform,
  ];
}
