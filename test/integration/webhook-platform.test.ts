/**
 * A fourth platform through the Platform interface alone (docs/extending.md): the webhook adapter
 * in src/adapters/webhook/ serves real `/crm` commands over HTTP and posts a digest to a URL, on
 * the real registry and database, with nothing in src/core or src/commands knowing about it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { createWebhookPlatform } from "../../src/adapters/webhook/platform.js";
import { admitAll } from "../../src/core/admission.js";
import { silentLogger } from "../../src/core/logger.js";
import type { StartedPlatform } from "../../src/core/platform.js";
import type { Reply } from "../../src/core/reply.js";
import { createRoutingPoster } from "../../src/digests/routing-poster.js";
import { createDigestService } from "../../src/digests/service.js";
import { builtInPlatforms } from "../../src/platforms.js";
import { testTargets } from "../support/test-databases.js";

type Posted = { marker: string; reply: Reply };

describe.each(testTargets)("the webhook platform on $name", (target) => {
  const received: Posted[] = [];
  let receiver: Server;
  let receiverUrl: string;
  let webhook: ReturnType<typeof createWebhookPlatform>;
  let running: StartedPlatform;
  let app: App;
  let drop: () => Promise<void>;

  const send = async (user: string, text: string, token = "test-token"): Promise<{ status: number; reply: Reply }> => {
    const response = await fetch(webhook.url(), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ workspace: "hooks-acme", user, text }),
    });
    return { status: response.status, reply: (await response.json()) as Reply };
  };

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Posted);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    receiverUrl = `${origin}/digests`;
    webhook = createWebhookPlatform({ port: 0, token: "test-token", admins: ["alice"], digestUrls: [`${origin}/`] });
    const database = await target.create();
    drop = database.drop;
    // The composition root's part: one more entry in the platform list, started, its poster routed to.
    const platforms = [...builtInPlatforms(() => app.database.prisma), webhook];
    app = await createApp({ target: database.target, logger: silentLogger, platforms });
    running = await webhook.start({ api: app.rapport, admission: admitAll(), config: {}, logger: silentLogger, onApiEvent: () => undefined });
    const poster = createRoutingPoster({ [webhook.id]: running.poster });
    app.useDigests(createDigestService({ store: app.digestStore, poster, sleep: async () => undefined }));
  });
  afterAll(async () => {
    await running?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    await app?.close();
    await drop?.();
  });

  test("a command sent to the webhook is answered with the reply as JSON", async () => {
    const created = await send("alice", "new Globex Corporation");
    expect(created.status).toBe(200);
    expect(created.reply.isError).toBeFalsy();
    expect(JSON.stringify(created.reply)).toContain("Globex Corporation");
    const found = await send("bob", "find globex");
    expect(JSON.stringify(found.reply)).toContain("Globex Corporation");
  });

  test("a digest added on the webhook is posted to its URL", async () => {
    const added = await send("alice", `digest add followups ${receiverUrl} 08:30 UTC post-empty`);
    expect(added.reply.title).toMatch(/^Digest #\d+ added$/);
    const id = Number(/#(\d+)/.exec(added.reply.title)![1]);
    expect((await send("alice", "digest list")).reply.blocks).toEqual([expect.objectContaining({ title: "Scheduled digests (1)" })]);
    const posted = await send("alice", `digest run ${id}`);
    expect(posted.reply.title).toBe(`Digest #${id} posted`);
    expect(received).toHaveLength(1);
    expect(received[0]!.marker).toMatch(new RegExp(`^rapport-digest:${id}:manual:`));
    expect(received[0]!.reply.blocks.length).toBeGreaterThan(0);
  });

  test.each([
    ["a URL the operator did not allow", "digest add followups webhook:http://169.254.169.254/latest 08:30", "I cannot post in webhook:http://169.254.169.254/latest"],
    ["the server's stdout", "digest add followups console:stdout 08:30", "is on the Rapport server; only the console may post digests there"],
    ["a Slack channel", "digest add followups <#C0SALES|sales> 08:30", "This workspace is on webhook; it cannot post digests into a slack channel."],
    ["something else", "digest add followups #sales 08:30", '"#sales" is not a channel I can post to. Give the URL digests should be posted to.'],
  ])("a digest into %s is refused", async (_name, line, message) => {
    const refused = await send("alice", line);
    expect(refused.reply.isError).toBe(true);
    expect(refused.reply.title).toContain(message);
  });

  test("refusals name the webhook's own admins; a wrong token is turned away", async () => {
    expect((await send("bob", "digest list")).reply.title).toBe(
      "Only managers can use digest. Users the operator lists as webhook admins are Rapport admins automatically; ask one of them to change your role.",
    );
    expect((await send("alice", "digest list", "wrong")).status).toBe(401);
  });
});
