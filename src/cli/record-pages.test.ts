import { describe, expect, test } from "vitest";
import { loadConfig } from "../config.js";
import { recordPagesOptions } from "./record-pages.js";

describe("record pages configuration", () => {
  test("GIVEN no RAPPORT_PUBLIC_URL THEN the pages are off", () => {
    expect(recordPagesOptions(loadConfig({}))).toEqual({ off: "no_public_url" });
  });

  test("GIVEN a public URL without a secret to sign the state THEN the pages are off", () => {
    expect(recordPagesOptions(loadConfig({ RAPPORT_PUBLIC_URL: "https://crm.example.com" }))).toEqual({ off: "no_state_secret" });
  });

  test("GIVEN Discord's client secret THEN Sign in with Discord uses the application id and the API override", () => {
    const config = loadConfig({
      RAPPORT_PUBLIC_URL: "https://crm.example.com",
      RAPPORT_SECRET_KEY: "k".repeat(32),
      DISCORD_TOKEN: "bot-token",
      DISCORD_APPLICATION_ID: "100000000000000001",
      DISCORD_CLIENT_SECRET: "discord-secret",
      DISCORD_API_URL: "http://127.0.0.1:9/api",
      RAPPORT_WEB_PORT: "8443",
      RAPPORT_WEB_HOST: "127.0.0.1",
    });
    expect(recordPagesOptions(config)).toEqual({
      options: {
        publicUrl: "https://crm.example.com",
        host: "127.0.0.1",
        port: 8443,
        stateSecret: "k".repeat(32),
        discord: { clientId: "100000000000000001", clientSecret: "discord-secret", apiUrl: "http://127.0.0.1:9/api" },
      },
    });
  });

  test.each([["http"], ["-1"], ["70000"], ["8.5"]])("GIVEN RAPPORT_WEB_PORT=%s THEN the configuration names it with an example", (port) => {
    expect(() => loadConfig({ RAPPORT_WEB_PORT: port })).toThrow("RAPPORT_WEB_PORT must be a port number such as 8080");
  });

  test("GIVEN nothing THEN the pages listen on 0.0.0.0:8080", () => {
    const config = loadConfig({});
    expect([config.RAPPORT_WEB_HOST, config.RAPPORT_WEB_PORT]).toEqual(["0.0.0.0", 8080]);
  });
});
