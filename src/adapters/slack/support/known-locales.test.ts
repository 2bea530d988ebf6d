import { describe, expect, test } from "vitest";
import type { Actor } from "../../../core/actor.js";
import type { Reply } from "../../../core/reply.js";
import type { RapportApi } from "../../../core/service-api.js";
import { KnownLocales, rememberingLocales } from "./known-locales.js";

const LIN = { teamId: "T1", userId: "U1" };
const actor: Actor = { platform: "slack", tenantExternalId: "T1", userExternalId: "U1" };

describe("KnownLocales", () => {
  test("GIVEN nothing remembered THEN no language, so the caller falls back", () => {
    expect(new KnownLocales().get(LIN)).toBeUndefined();
  });

  test("GIVEN replies THEN the latest one's language is kept per team and user, English when a reply has none", () => {
    const known = new KnownLocales();
    known.rememberReply(LIN, { locale: "zh-TW" });
    known.rememberReply({ teamId: "T2", userId: "U1" }, { locale: "ko" });
    expect(known.get(LIN)).toBe("zh-TW");
    expect(known.get({ teamId: "T2", userId: "U1" })).toBe("ko");
    known.rememberReply(LIN, {});
    expect(known.get(LIN)).toBe("en");
  });

  test("GIVEN the time to live has passed THEN the language is forgotten", () => {
    let now = 0;
    const known = new KnownLocales(1_000, 10, () => now);
    known.remember(LIN, "ko");
    now = 999;
    expect(known.get(LIN)).toBe("ko");
    now = 1_000;
    expect(known.get(LIN)).toBeUndefined();
  });

  test("GIVEN more members than it holds THEN the oldest are dropped first", () => {
    const known = new KnownLocales(60_000, 2);
    for (const userId of ["U1", "U2", "U3"]) known.remember({ teamId: "T1", userId }, "ko");
    expect(known.get({ teamId: "T1", userId: "U1" })).toBeUndefined();
    expect(known.get({ teamId: "T1", userId: "U3" })).toBe("ko");
  });
});

describe("rememberingLocales", () => {
  const reply = (locale?: Reply["locale"]): Reply => ({ title: "t", blocks: [], visibility: "ephemeral", ...(locale ? { locale } : {}) });
  const api: RapportApi = {
    commands: [],
    runText: async () => reply("zh-CN"),
    runArgs: async () => reply("ko"),
    undo: async () => reply(),
    pick: async () => [],
    localeOf: async () => "zh-TW",
  };

  test("GIVEN the core answers THEN each answer's language is remembered for its member", async () => {
    const known = new KnownLocales();
    const wrapped = rememberingLocales(api, known);
    await wrapped.runText({ actor, text: "help" });
    expect(known.get(LIN)).toBe("zh-CN");
    await wrapped.runArgs({ actor, command: "help", args: {} });
    expect(known.get(LIN)).toBe("ko");
    await wrapped.localeOf!({ actor });
    expect(known.get(LIN)).toBe("zh-TW");
    await wrapped.undo({ actor, token: "x" });
    expect(known.get(LIN)).toBe("en");
  });
});
