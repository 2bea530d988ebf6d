/**
 * The record pages in real headless Chromium: a record link without a session goes to sign-in,
 * Sign in with Slack (OpenID Connect) and Discord (OAuth2) against the local fakes, then the page
 * shows the record's card as the signed-in member; another workspace's record and a member the
 * core refuses get the core's answer as 404 / 403 pages in the member's language.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser, type TestBrowser } from "./browser.js";
import { customerId, discordActor, slackActor, startWebWorld, DISCORD_SECRET, type WebWorld } from "./support.js";
import { hashToken } from "../../../src/adapters/web/session-cookies.js";

const T_ACME = "T0ACME";
const T_OTHER = "T0OTHER";
const G_ACME = "200000000000000001";

let world: WebWorld;
let browser: TestBrowser;
let acmeId: number;
let otherId: number;
let globexId: number;

beforeAll(async () => {
  [world, browser] = await Promise.all([startWebWorld(), launchBrowser()]);
  const { app } = world;
  // Two Slack workspaces and a Discord server, each with its own customer; admins create them.
  await app.rapport.runText({ actor: slackActor(T_ACME, "U0ADMIN", { isPlatformAdmin: true, timeZone: "UTC", displayName: "Ada Admin" }), text: "new Acme Corp city=Boston" });
  await app.rapport.runText({ actor: slackActor(T_OTHER, "U0THEIRS", { isPlatformAdmin: true, timeZone: "UTC" }), text: "new Umbrella Secret Holdings city=Raccoon" });
  await app.rapport.runText({ actor: discordActor(G_ACME, "500000000000000001", { isPlatformAdmin: true, timeZone: "UTC" }), text: "new Globex Industries city=Springfield" });
  acmeId = await customerId(app, "Acme Corp");
  otherId = await customerId(app, "Umbrella Secret Holdings");
  globexId = await customerId(app, "Globex Industries");
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

beforeEach(async () => {
  await browser.context.clearCookies();
});

function signInSlackAs(userId: string, teamId = T_ACME) {
  world.slack.signIn = { ...world.slack.signIn!, user: { teamId, userId, name: userId } };
}

async function openAsSlackUser(path: string) {
  const page = await browser.context.newPage();
  const first = await page.goto(`${world.base}${path}`);
  expect(new URL(page.url()).pathname).toBe("/signin");
  expect(new URL(page.url()).searchParams.get("next")).toBe(path);
  expect(first?.status()).toBe(200);
  const [response] = await Promise.all([page.waitForURL(`${world.base}${path}`), page.getByRole("link", { name: "Sign in with Slack" }).click()]);
  void response;
  return page;
}

describe("record pages in Chromium", () => {
  test("should sign in with Slack and show the customer card, with a session cookie that scripts cannot read", async () => {
    signInSlackAs("U0ADMIN");
    const page = await openAsSlackUser(`/c/${acmeId}`);
    const response = await page.reload();
    expect(response?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.locator("h1").textContent()).toContain("Acme Corp");
    expect(await page.locator("main").textContent()).toContain("Boston");
    // Read-only: no command buttons, and a sign-out button.
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    const [session] = (await browser.context.cookies()).filter((cookie) => cookie.name === "rapport_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
    // Only the token's hash is stored.
    const stored = await world.app.database.prisma.webSession.findMany();
    expect(stored.some((row) => row.tokenHash === hashToken(session!.value))).toBe(true);
    expect(stored.some((row) => row.tokenHash === session!.value)).toBe(false);
    expect(await page.evaluate<string>("document.cookie")).not.toContain("rapport_session");
    // Signing out ends the session: the record asks for sign-in again.
    await Promise.all([page.waitForURL(/\/signin\?signedout=1$/), page.getByRole("button", { name: "Sign out" }).click()]);
    expect(await page.locator("main").textContent()).toContain("You are signed out.");
    await page.goto(`${world.base}/c/${acmeId}`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.close();
  });

  test("should sign in with Discord, match the server that uses Rapport and show the customer card", async () => {
    world.discord.setSignIn({
      clientSecret: DISCORD_SECRET,
      user: { id: "500000000000000002", username: "dora", global_name: "Dora" },
      guilds: [
        { id: "299999999999999999", name: "Gaming" },
        { id: G_ACME, name: "Acme Sales" },
      ],
    });
    const page = await browser.context.newPage();
    await page.goto(`${world.base}/c/${globexId}`);
    await Promise.all([page.waitForURL(`${world.base}/c/${globexId}`), page.getByRole("link", { name: "Sign in with Discord" }).click()]);
    expect(await page.locator("h1").textContent()).toContain("Globex Industries");
    expect(await page.locator("header").textContent()).toContain("Dora");
    // The code went back to the fake's token endpoint with our client secret.
    expect(world.discord.calls.some((call) => call.path === "/oauth2/token" && call.status === 200)).toBe(true);
    expect(world.discord.calls.some((call) => call.path === "/users/@me/guilds" && call.status === 200)).toBe(true);
    await page.close();
  });

  test("should refuse a record of another workspace without naming it", async () => {
    signInSlackAs("U0ADMIN");
    const page = await openAsSlackUser(`/c/${acmeId}`);
    const response = await page.goto(`${world.base}/c/${otherId}`);
    expect(response?.status()).toBe(404);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain("Umbrella");
    expect(text).not.toContain("Raccoon");
    expect(text).toContain(`#${otherId}`);
    await page.close();
  });

  /** Opens a record page signed out, signs in with Slack as `userId`, and returns the record's own response. */
  async function openAfterSlackSignIn(userId: string, path: string) {
    signInSlackAs(userId);
    const page = await browser.context.newPage();
    await page.goto(`${world.base}${path}`);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url() === `${world.base}${path}`),
      page.getByRole("link", { name: "Sign in with Slack" }).click(),
    ]);
    return { page, response };
  }

  test("should refuse a rep whose access the core closed, with the core's own answer as a 403", async () => {
    await world.app.rapport.runText({ actor: slackActor(T_ACME, "U0GONE"), text: "help" });
    await world.app.database.prisma.member.updateMany({ where: { externalId: "U0GONE" }, data: { active: false } });
    const { page, response } = await openAfterSlackSignIn("U0GONE", `/c/${acmeId}`);
    expect(response.status()).toBe(403);
    expect(await page.locator("h1").textContent()).toBe("You cannot see this record");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Your access to Rapport in this workspace was closed");
    expect(text).not.toContain("Boston");
    await page.close();
  });

  test("should refuse a rep of an 'own' workspace a colleague's customer page (403)", async () => {
    const admin = slackActor(T_ACME, "U0ADMIN", { isPlatformAdmin: true, timeZone: "UTC", displayName: "Ada Admin" });
    await world.app.rapport.runText({ actor: slackActor(T_ACME, "U0REP", { timeZone: "UTC" }), text: "help" });
    const own = await world.app.rapport.runText({ actor: admin, text: "settings workspace visibility own" });
    expect(own.isError ?? false, own.title).toBe(false);
    try {
      const { page, response } = await openAfterSlackSignIn("U0REP", `/c/${acmeId}`);
      expect(response.status()).toBe(403);
      expect(await page.locator("h1").textContent()).toBe("You cannot see this record");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain(`#${acmeId} belongs to another rep`);
      expect(text).not.toContain("Acme");
      expect(text).not.toContain("Boston");
      await page.close();
    } finally {
      await world.app.rapport.runText({ actor: admin, text: "settings workspace visibility all" });
    }
  });

  test("should show the page in the member's language (zh-TW)", async () => {
    await world.app.rapport.runText({ actor: slackActor(T_ACME, "U0MEI", { timeZone: "Asia/Taipei" }), text: "settings language zh-TW" });
    signInSlackAs("U0MEI");
    const page = await openAsSlackUser(`/c/${acmeId}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-TW");
    expect(await page.locator("h1").textContent()).toContain("Acme Corp");
    expect(await page.getByRole("button", { name: "登出" }).count()).toBe(1);
    expect(await page.locator("footer").textContent()).toBe("唯讀頁面。如需修改，請在 Slack 或 Discord 中操作。");
    await page.close();
  });

  test("should refuse a callback whose state was not started in this browser", async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${world.base}/signin/slack/callback?code=x&state=forged.state`);
    expect(response?.status()).toBe(400);
    expect(await page.locator("main").textContent()).toContain("This sign-in has expired or was started in another browser.");
    await page.close();
  });

  test("should refuse a Slack workspace that does not use Rapport", async () => {
    signInSlackAs("U0STRANGER", "T0NOBODY");
    const page = await browser.context.newPage();
    await page.goto(`${world.base}/c/${acmeId}`);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().includes("/signin/slack/callback")),
      page.getByRole("link", { name: "Sign in with Slack" }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await page.locator("main").textContent()).toContain("Rapport is not in use in your Slack workspace.");
    expect((await browser.context.cookies()).some((cookie) => cookie.name === "rapport_session")).toBe(false);
    await page.close();
  });
});
