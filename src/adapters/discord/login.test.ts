import { describe, expect, test } from "vitest";
import { backoffDelay, loginWithBackoff } from "./login.js";
import { silentLogger } from "../../core/logger.js";

describe("loginWithBackoff", () => {
  test.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [4, 4000, 8000],
    [20, 150_000, 300_000],
  ])("GIVEN attempt %i THEN the delay lies in [%i, %i]", (attempt, low, high) => {
    expect(backoffDelay(attempt, 1000, 300_000, () => 0)).toBe(low);
    expect(backoffDelay(attempt, 1000, 300_000, () => 1)).toBe(high);
  });

  test("GIVEN transient failures THEN it retries with growing delays and then succeeds", async () => {
    const sleeps: number[] = [];
    let attempts = 0;
    await loginWithBackoff({
      login: async () => {
        attempts++;
        if (attempts < 4) throw Object.assign(new Error("ECONNRESET"), { code: "ECONNRESET" });
      },
      logger: silentLogger,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 1,
    });
    expect(attempts).toBe(4);
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  test("GIVEN an invalid token THEN it stops at once", async () => {
    let attempts = 0;
    const failure = Object.assign(new Error("An invalid token was provided."), { code: "TokenInvalid" });
    await expect(
      loginWithBackoff({
        login: async () => {
          attempts++;
          throw failure;
        },
        logger: silentLogger,
        sleep: async () => {},
      }),
    ).rejects.toBe(failure);
    expect(attempts).toBe(1);
  });

  test("GIVEN nearly no session starts left THEN it waits for the reset before identifying", async () => {
    const events: string[] = [];
    await loginWithBackoff({
      fetchSessionStartLimit: async () => ({ total: 1000, remaining: 3, reset_after: 60_000, max_concurrency: 1 }),
      login: async () => {
        events.push("login");
      },
      logger: silentLogger,
      sleep: async (ms) => {
        events.push(`sleep ${ms}`);
      },
    });
    expect(events).toEqual(["sleep 60000", "login"]);
  });
});
