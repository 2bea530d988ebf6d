/**
 * `rapport config check`: loads the configuration exactly as `rapport start` does (environment over
 * `.env`), and prints every variable's effective value, secrets masked, with where it came from,
 * in RAPPORT_LOCALE. Exit code 1 and the same message `start` would stop with when something is
 * wrong (those name variables, in English, as the logs do).
 */
import { describeConfig, loadConfig, readEnvFile, type ConfigSource, type EnvFile } from "../config.js";
import { displayWidth, padToWidth } from "../core/i18n/index.js";
import { cliTranslator } from "./cli-locale.js";

export type ConfigCliIo = { env: NodeJS.ProcessEnv; cwd: string; stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } };

/** Values wider than this are not padded: the source column would move too far right. */
const VALUE_COLUMN_MAX = 48;
const SOURCE_KEYS: Record<ConfigSource, string> = { env: "env", ".env": "dotenv", default: "default" };

export function runConfigCli(args: readonly string[], io: ConfigCliIo): number {
  let file: EnvFile | undefined;
  try {
    file = readEnvFile(io.env, io.cwd);
    const config = loadConfig(io.env, file);
    const language = cliTranslator(undefined, config.RAPPORT_LOCALE);
    if ("error" in language) throw new Error(language.error);
    const { t } = language;
    if (args[0] !== "check" || args.length > 1) {
      io.stderr.write(`${t("cli.usage", { syntax: "rapport config check" })}\n`);
      return 2;
    }
    const entries = describeConfig(io.env, file).map((entry) => ({ ...entry, shown: entry.value ?? t("cli.config.unset") }));
    const nameWidth = Math.max(...entries.map((entry) => entry.name.length));
    const valueWidth = Math.min(VALUE_COLUMN_MAX, Math.max(...entries.map((entry) => displayWidth(entry.shown))));
    io.stdout.write(`${file ? t("cli.config.from", { file: file.path }) : t("cli.config.fromEnvironmentOnly")}\n`);
    for (const entry of entries) {
      const source = entry.value === undefined ? "" : t("cli.config.source", { source: SOURCE_KEYS[entry.source] });
      io.stdout.write(`  ${entry.name.padEnd(nameWidth)}  ${padToWidth(entry.shown, valueWidth)}  ${source}`.trimEnd() + "\n");
    }
    const database = t("cli.config.database", { kind: config.DATABASE_URL ? "postgres" : "embedded", dir: config.RAPPORT_DATA_DIR });
    const slack = config.slack
      ? t("cli.config.slack", { oauth: config.slack.oauth ? "yes" : "no", socket: config.slack.appToken ? "yes" : "no", port: config.slack.port })
      : t("cli.config.notConfigured");
    const discord = t(config.discord ? "cli.config.configured" : "cli.config.notConfigured");
    io.stdout.write(`${t("cli.config.summary", { database, slack, discord })}\n`);
    const url = `http://${config.RAPPORT_OPS_HOST}:${config.RAPPORT_OPS_PORT}/healthz`;
    io.stdout.write(`${t(config.RAPPORT_METRICS_TOKEN ? "cli.config.opsWithToken" : "cli.config.ops", { url })}\n`);
    io.stdout.write(`${t("cli.config.ok")}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}
