import { describe, expect, test } from "vitest";
import { cookie, hashToken, newNonce, parseCookies, safeNext, sameSecret, signState, verifyState, type SignInState } from "./session-cookies.js";
import { resolveLocaleTag } from "./locales.js";

const NOW = new Date("2026-11-23T15:00:00Z");
const SECRET = "state-secret";
const STATE: SignInState = { platform: "slack", next: "/c/12", nonce: "nonce-1", expiresAt: NOW.getTime() + 60_000 };

describe("signed state", () => {
  test("GIVEN a state we signed THEN it reads back", () => {
    expect(verifyState(SECRET, signState(SECRET, STATE), NOW)).toEqual(STATE);
  });

  test("GIVEN another secret THEN it is refused", () => {
    expect(verifyState("other-secret", signState(SECRET, STATE), NOW)).toBeNull();
  });

  test("GIVEN a payload changed after signing THEN it is refused", () => {
    const [, signature] = signState(SECRET, STATE).split(".");
    const forged = Buffer.from(JSON.stringify({ p: "slack", n: "/c/99", r: "nonce-1", x: STATE.expiresAt })).toString("base64url");
    expect(verifyState(SECRET, `${forged}.${signature}`, NOW)).toBeNull();
  });

  test("GIVEN an expired state THEN it is refused", () => {
    expect(verifyState(SECRET, signState(SECRET, STATE), new Date(STATE.expiresAt))).toBeNull();
  });

  test.each([[undefined], [null], [""], ["a.b.c"], ["nodot"], ["x".repeat(3000)]])("GIVEN malformed %j THEN it is refused", (value) => {
    expect(verifyState(SECRET, value, NOW)).toBeNull();
  });

  test("GIVEN a signed state whose next is another site THEN next becomes the start page", () => {
    const state = { ...STATE, next: "//evil.example/c/1" };
    expect(verifyState(SECRET, signState(SECRET, state), NOW)?.next).toBe("/");
  });
});

describe("safeNext", () => {
  test.each([
    ["/c/12", "/c/12"],
    ["/o/SO-1042", "/o/SO-1042"],
    ["/q/Q-2026-0001/", "/q/Q-2026-0001"],
    ["https://evil.example/c/1", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/c/abc", "/"],
    [null, "/"],
  ])("GIVEN %j THEN %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe("cookies", () => {
  test("GIVEN an https site THEN the cookie is HttpOnly, SameSite=Lax and Secure", () => {
    expect(cookie("rapport_session", "tok en", { path: "/", secure: true, maxAgeSeconds: 60 })).toBe("rapport_session=tok%20en; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
  });

  test("GIVEN an http site THEN the cookie is not marked Secure (the browser would drop it)", () => {
    expect(cookie("a", "b", { path: "/rapport", secure: false, maxAgeSeconds: 0 })).toBe("a=b; Path=/rapport; Max-Age=0; HttpOnly; SameSite=Lax");
  });

  test("GIVEN a Cookie header THEN names map to decoded values, the first of a repeated name winning", () => {
    expect(parseCookies("a=1; rapport_session=x%2By; a=2; bad; =v; c=%E0%A4%A")).toEqual({ a: "1", rapport_session: "x+y" });
    expect(parseCookies(undefined)).toEqual({});
  });
});

describe("tokens and nonces", () => {
  test("GIVEN a token THEN its stored form is the SHA-256 hex, not the token", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("GIVEN two nonces THEN they differ and compare equal only to themselves", () => {
    const [a, b] = [newNonce(), newNonce()];
    expect(a).not.toBe(b);
    expect(sameSecret(a, a)).toBe(true);
    expect(sameSecret(a, b)).toBe(false);
    expect(sameSecret(a, undefined)).toBe(false);
  });
});

describe("resolveLocaleTag", () => {
  test.each([
    ["zh-TW,zh;q=0.9,en;q=0.8", undefined, "zh-TW"],
    ["fr-FR,ko;q=0.5", undefined, "ko"],
    ["en;q=0.1,zh-CN;q=0.9", undefined, "zh-CN"],
    ["fr", "ko", "ko"],
    [undefined, undefined, "en"],
  ])("GIVEN %j (fallback %j) THEN %j", (header, fallback, expected) => {
    expect(resolveLocaleTag(header, fallback)).toBe(expected);
  });
});
