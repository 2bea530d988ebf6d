import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { admissionLimits, ConfigError, describeConfig, loadConfig, readEnvFile } from "./config.js";

describe("loadConfig", () => {
  test("defaults: the embedded database, vacuumed nightly at 03:30", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.RAPPORT_DATA_DIR).toBe("./data");
    expect(config.RAPPORT_VACUUM_AT).toBe("03:30");
    expect(config.RAPPORT_DIGEST_FILE_DIRS).toEqual([]);
  });

  test("RAPPORT_DIGEST_FILE_DIRS lists absolute directories like PATH", () => {
    expect(loadConfig({ RAPPORT_DIGEST_FILE_DIRS: "/var/lib/rapport/digests:/srv/reports " }).RAPPORT_DIGEST_FILE_DIRS).toEqual(["/var/lib/rapport/digests", "/srv/reports"]);
  });

  test.each([
    [{ RAPPORT_VACUUM_AT: "3:30" }, "RAPPORT_VACUUM_AT: RAPPORT_VACUUM_AT must be a time HH:MM such as 03:30"],
    [{ RAPPORT_VACUUM_AT: "24:00" }, "RAPPORT_VACUUM_AT must be a time HH:MM"],
    [{ RAPPORT_TIME_ZONE: "Mars/Olympus" }, "RAPPORT_TIME_ZONE must be an IANA zone such as Europe/Berlin"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL must start with postgres://"],
    [{ RAPPORT_DIGEST_FILE_DIRS: "digests" }, "RAPPORT_DIGEST_FILE_DIRS must list absolute directories separated by \":\", e.g. /var/lib/rapport/digests"],
  ])("%o is refused naming the variable and a correct example", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test("should return a frozen object, its directory list too", () => {
    const config = loadConfig({ RAPPORT_DIGEST_FILE_DIRS: "/srv/reports" });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.RAPPORT_DIGEST_FILE_DIRS)).toBe(true);
  });

  test("should parse no platform when none of its variables is set", () => {
    const config = loadConfig({ RAPPORT_OUTPUT_DIR: "/tmp/out" });
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.RAPPORT_OUTPUT_DIR).toBe("/tmp/out");
  });

  test("should parse each configured platform's own config once, frozen", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "100000000000000001", PORT: "3100" });
    expect(config.slack).toMatchObject({ botToken: "xoxb-1", signingSecret: "s", port: 3100 });
    expect(config.discord).toEqual({ token: "t", applicationId: "100000000000000001" });
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(Object.isFrozen(config.discord)).toBe(true);
  });

  test.each([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "signingSecret is required in HTTP mode. Set SLACK_SIGNING_SECRET"],
    [{ SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "c", SLACK_STATE_SECRET: "s", SLACK_SIGNING_SECRET: "x" }, "RAPPORT_SECRET_KEY is required"],
    [{ DISCORD_TOKEN: "t" }, "DISCORD_APPLICATION_ID"],
    [{ DISCORD_APPLICATION_ID: "100000000000000001" }, "DISCORD_TOKEN is required"],
  ])("GIVEN a half-configured platform %o THEN loading fails naming %s", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test("should read the import launcher's pid, ignoring anything that is not one", () => {
    expect(loadConfig({ RAPPORT_LAUNCHER_PID: "4242" }).RAPPORT_LAUNCHER_PID).toBe(4242);
    expect(loadConfig({ RAPPORT_LAUNCHER_PID: "x" }).RAPPORT_LAUNCHER_PID).toBeUndefined();
  });

  test("RAPPORT_EMBEDDED_FSYNC: on unless set to off; anything else is refused", () => {
    expect(loadConfig({}).RAPPORT_EMBEDDED_FSYNC).toBe("on");
    expect(loadConfig({ RAPPORT_EMBEDDED_FSYNC: "off" }).RAPPORT_EMBEDDED_FSYNC).toBe("off");
    expect(() => loadConfig({ RAPPORT_EMBEDDED_FSYNC: "false" })).toThrow("RAPPORT_EMBEDDED_FSYNC must be on or off");
  });

  test("an empty variable counts as unset", () => {
    expect(loadConfig({ RAPPORT_VACUUM_AT: "", DATABASE_URL: "" }).RAPPORT_VACUUM_AT).toBe("03:30");
  });
});

describe("admissionLimits", () => {
  test.each([
    ["PostgreSQL defaults: sized to the pool", { DATABASE_URL: "postgres://db/x" }, false, { maxInFlight: 10, maxWaiting: 100, member: { perSecond: 1, burst: 10 }, workspace: { perSecond: 20, burst: 100 } }],
    ["a bigger pool", { DATABASE_URL: "postgres://db/x", RAPPORT_DB_POOL_SIZE: "30" }, false, { maxInFlight: 30, maxWaiting: 300 }],
    ["the embedded database (one session)", {}, true, { maxInFlight: 2, maxWaiting: 20 }],
    [
      "every variable set",
      { RAPPORT_MAX_IN_FLIGHT: "6", RAPPORT_MAX_WAITING: "0", RAPPORT_MEMBER_RATE: "0.5", RAPPORT_MEMBER_BURST: "3", RAPPORT_WORKSPACE_RATE: "0", RAPPORT_WORKSPACE_BURST: "7" },
      false,
      { maxInFlight: 6, maxWaiting: 0, member: { perSecond: 0.5, burst: 3 }, workspace: { perSecond: 0, burst: 7 } },
    ],
  ])("GIVEN %s", (_name, env, embedded, expected) => {
    expect(admissionLimits(loadConfig(env), embedded)).toMatchObject(expected);
  });

  test.each([
    [{ RAPPORT_MAX_IN_FLIGHT: "0" }, "RAPPORT_MAX_IN_FLIGHT"],
    [{ RAPPORT_MEMBER_RATE: "-1" }, "RAPPORT_MEMBER_RATE is commands per second, e.g. 1 (0: no limit)"],
    [{ RAPPORT_WORKSPACE_BURST: "lots" }, "RAPPORT_WORKSPACE_BURST"],
  ])("%o is refused naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("a .env file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-config-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("GIVEN no .env in the directory THEN there is nothing to read", () => {
    expect(readEnvFile({}, dir)).toBeUndefined();
  });

  test("GIVEN a .env THEN its values apply and the environment wins over it", () => {
    writeFileSync(join(dir, ".env"), "# comment\nLOG_LEVEL=debug\nRAPPORT_VACUUM_AT=04:15\nDATABASE_URL=\n");
    const file = readEnvFile({}, dir);
    const config = loadConfig({ LOG_LEVEL: "warn" }, file);
    expect(config.LOG_LEVEL).toBe("warn");
    expect(config.RAPPORT_VACUUM_AT).toBe("04:15");
    expect(config.DATABASE_URL).toBeUndefined();
  });

  test("GIVEN a bad value in .env THEN it is refused like the same value in the environment, naming the file", () => {
    writeFileSync(join(dir, ".env"), "LOG_LEVEL=nonsense\n");
    const file = readEnvFile({}, dir)!;
    expect(() => loadConfig({}, file)).toThrow(ConfigError);
    expect(() => loadConfig({}, file)).toThrow(`Invalid configuration. LOG_LEVEL (in ${join(dir, ".env")}): LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent`);
    expect(() => loadConfig({ LOG_LEVEL: "nonsense" })).toThrow("Invalid configuration. LOG_LEVEL: LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent");
    // A good value in the environment hides the file's bad one.
    expect(loadConfig({ LOG_LEVEL: "error" }, file).LOG_LEVEL).toBe("error");
  });

  test("GIVEN a half-configured platform in .env THEN the platform's message names the variable and the file", () => {
    writeFileSync(join(dir, ".env"), "SLACK_BOT_TOKEN=xoxb-1\n");
    expect(() => loadConfig({}, readEnvFile({}, dir))).toThrow(`signingSecret is required in HTTP mode. Set SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode. (variables read from the environment and ${join(dir, ".env")})`);
  });

  test("RAPPORT_ENV_FILE names another file, which must exist", () => {
    writeFileSync(join(dir, "rapport.env"), "RAPPORT_LOCALE=ko\n");
    expect(loadConfig({}, readEnvFile({ RAPPORT_ENV_FILE: "rapport.env" }, dir)).RAPPORT_LOCALE).toBe("ko");
    expect(() => readEnvFile({ RAPPORT_ENV_FILE: "missing.env" }, dir)).toThrow(`RAPPORT_ENV_FILE: cannot read ${join(dir, "missing.env")} (ENOENT)`);
  });
});

describe("describeConfig", () => {
  test("should mask secrets and database passwords and say where each value came from", () => {
    const file = { path: "/srv/rapport/.env", values: { SLACK_BOT_TOKEN: "xoxb-very-secret", SLACK_SIGNING_SECRET: "signing-secret", LOG_LEVEL: "debug" } };
    const env = { DATABASE_URL: "postgres://rapport:hunter2@db:5432/rapport", RAPPORT_SECRET_KEY: "k".repeat(40), RAPPORT_METRICS_TOKEN: "scrape-me" };
    const entries = Object.fromEntries(describeConfig(env, file).map((entry) => [entry.name, entry]));
    expect(entries.DATABASE_URL).toEqual({ name: "DATABASE_URL", value: "postgres://rapport:******@db:5432/rapport", source: "env" });
    expect(entries.SLACK_BOT_TOKEN).toEqual({ name: "SLACK_BOT_TOKEN", value: "******", source: ".env" });
    expect(entries.LOG_LEVEL).toEqual({ name: "LOG_LEVEL", value: "debug", source: ".env" });
    expect(entries.RAPPORT_OPS_HOST).toEqual({ name: "RAPPORT_OPS_HOST", value: "127.0.0.1", source: "default" });
    expect(entries.SLACK_APP_TOKEN).toEqual({ name: "SLACK_APP_TOKEN", value: undefined, source: "default" });
    const printed = JSON.stringify(entries);
    for (const secret of ["xoxb-very-secret", "signing-secret", "hunter2", "k".repeat(40), "scrape-me"]) expect(printed).not.toContain(secret);
  });
});

describe("ops settings", () => {
  test("defaults: loopback, no metrics token, no drain period", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ RAPPORT_OPS_HOST: "127.0.0.1", RAPPORT_DRAIN_SECONDS: 0 });
    expect(config.RAPPORT_METRICS_TOKEN).toBeUndefined();
  });

  test.each([
    [{ RAPPORT_DRAIN_SECONDS: "-1" }, "RAPPORT_DRAIN_SECONDS must be seconds, e.g. 5"],
    [{ RAPPORT_DRAIN_SECONDS: "soon" }, "RAPPORT_DRAIN_SECONDS must be seconds, e.g. 5"],
    [{ RAPPORT_DRAIN_SECONDS: "3600" }, "RAPPORT_DRAIN_SECONDS must be at most 600"],
  ])("%o is refused", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
