import { describe, expect, test } from "vitest";
import { admissionLimits, ConfigError, loadConfig } from "./config.js";

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
