import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  test("defaults: the embedded database, vacuumed nightly at 03:30", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.RAPPORT_DATA_DIR).toBe("./data");
    expect(config.RAPPORT_VACUUM_AT).toBe("03:30");
  });

  test.each([
    [{ RAPPORT_VACUUM_AT: "3:30" }, "RAPPORT_VACUUM_AT: RAPPORT_VACUUM_AT must be a time HH:MM such as 03:30"],
    [{ RAPPORT_VACUUM_AT: "24:00" }, "RAPPORT_VACUUM_AT must be a time HH:MM"],
    [{ RAPPORT_TIME_ZONE: "Mars/Olympus" }, "RAPPORT_TIME_ZONE must be an IANA zone such as Europe/Berlin"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL must start with postgres://"],
  ])("%o is refused naming the variable and a correct example", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test("an empty variable counts as unset", () => {
    expect(loadConfig({ RAPPORT_VACUUM_AT: "", DATABASE_URL: "" }).RAPPORT_VACUUM_AT).toBe("03:30");
  });
});
