/** Shared set-up: the fake Discord, the fake RapportApi and the real bot (discord.js Client) between them. */
import { createDiscordBot, type DiscordBot } from "../../../src/adapters/discord/index.js";
import type { Admission } from "../../../src/core/admission.js";
import type { PlatformApiEvent } from "../../../src/core/platform-api-events.js";
import type { DiscordLogger } from "../../../src/adapters/discord/logger.js";
import { startFakeDiscord, type FakeDiscord, type RecordedCall } from "../../fakes/discord/fake-discord.js";
import { createFakeRapportApi } from "../../fakes/discord/fake-rapport-api.js";
import { PERMISSIONS, type InteractionContext } from "../../fakes/discord/payloads.js";

export type LogEntry = { level: string; obj: object; msg?: string };

export function memoryLogger(entries: LogEntry[] = [], bindings: Record<string, unknown> = {}): DiscordLogger & { entries: LogEntry[] } {
  const at = (level: string) => (obj: object, msg?: string) => {
    entries.push({ level, obj: { ...bindings, ...obj }, ...(msg !== undefined ? { msg } : {}) });
  };
  return {
    entries,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (more) => memoryLogger(entries, { ...bindings, ...more }),
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(options: { slowMs?: number; deferAfterMs?: number; admission?: Admission } = {}) {
  const fake: FakeDiscord = await startFakeDiscord();
  const rapport = createFakeRapportApi({ slowMs: options.slowMs ?? 5_000 });
  const logger = memoryLogger();
  const apiEvents: PlatformApiEvent[] = [];
  const bot: DiscordBot = createDiscordBot({
    api: rapport.api,
    config: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
    logger,
    ...(options.admission ? { admission: options.admission } : {}),
    options: { loginBaseDelayMs: 20, onApiEvent: (event) => apiEvents.push(event), ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}) },
  });
  await bot.start();

  const member: InteractionContext = {
    applicationId: fake.applicationId,
    guild: fake.guild,
    actor: { user: { id: "500000000000000001", username: "ana", global_name: "Ana Rep" }, permissions: PERMISSIONS.member },
  };
  const admin: InteractionContext = {
    ...member,
    actor: { user: { id: "500000000000000002", username: "max", global_name: "Max Boss" }, nick: "Max (Sales lead)", permissions: PERMISSIONS.manager },
  };

  /** The initial callback of an interaction, once recorded. */
  const callback = (interaction: { id: string }, timeoutMs = 5_000): Promise<RecordedCall> =>
    fake.waitForCall((call) => call.method === "POST" && call.path.startsWith(`/interactions/${interaction.id}/`), timeoutMs);

  return {
    apiEvents,
    fake,
    bot,
    rapport,
    logger,
    member,
    admin,
    callback,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
