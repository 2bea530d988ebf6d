/**
 * `rapport start` as an operator runs it: a real process with Slack configured (pointed at the
 * local fake Slack), the ops endpoints up, a signed `/crm` answered, metrics (behind a bearer
 * token) counting it, and a graceful SIGTERM: readiness fails first, commands are still answered
 * during the drain period, exit code 0 once it has passed.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitFor } from "../../support/processes.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { signSlashCommand } from "../../fakes/slack/sign-request.js";
import { slashCommand } from "../../fakes/slack/payloads.js";

const BIN = join(import.meta.dirname, "../../../bin/rapport.mjs");
const SECRET = "ops-test-signing-secret";
const METRICS_TOKEN = "ops-test-metrics-token";
const DRAIN_SECONDS = 2;

describe("rapport start with Slack configured", () => {
  let slack: FakeSlackApi;
  let child: ChildProcess;
  let dataDir: string;
  let port: number;
  let opsPort: number;
  let exit: Promise<number | null>;
  let stderr = "";

  beforeAll(async () => {
    slack = await startFakeSlackApi({ users: [{ id: "U0OPS", teamId: "T0OPS", name: "olivia", realName: "Olivia Ops", tz: "Europe/Berlin", isAdmin: true }] });
    dataDir = mkdtempSync(join(tmpdir(), "rapport-start-"));
    port = await freePort();
    opsPort = await freePort();
    child = spawn(process.execPath, [BIN, "start", "--no-demo"], {
      env: {
        ...process.env,
        DATABASE_URL: "",
        RAPPORT_DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        RAPPORT_OPS_PORT: String(opsPort),
        RAPPORT_OPS_HOST: "127.0.0.1",
        RAPPORT_METRICS_TOKEN: METRICS_TOKEN,
        RAPPORT_DRAIN_SECONDS: String(DRAIN_SECONDS),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    exit = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor(async () => (await fetch(`http://127.0.0.1:${opsPort}/readyz`)).status === 200, 60_000);
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await slack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("health, a signed /crm command, metrics, then a graceful shutdown", async () => {
    expect((await fetch(`http://127.0.0.1:${opsPort}/healthz`)).status).toBe(200);

    const id = "ops-1";
    const request = signSlashCommand(slashCommand({ teamId: "T0OPS", userId: "U0OPS" }, { text: 'new "Ops Test GmbH" city=Berlin', responseUrl: slack.responseUrl(id) }), {
      signingSecret: SECRET,
    });
    const ack = await slack.sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, request);
    expect(ack.status).toBe(200);
    const [answer] = await slack.waitForResponses(id, 1, 20_000);
    expect(JSON.stringify(answer!.body)).toContain("Ops Test GmbH");

    expect((await fetch(`http://127.0.0.1:${opsPort}/metrics`)).status).toBe(401);
    const metrics = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/rapport_command_duration_seconds_count\{command="new",platform="slack",outcome="ok"\} 1/);
    expect(metrics).toContain("rapport_process_");

    const signalledAt = Date.now();
    child.kill("SIGTERM");
    await waitFor(async () => (await fetch(`http://127.0.0.1:${opsPort}/readyz`)).status === 503, 5_000);
    expect(await (await fetch(`http://127.0.0.1:${opsPort}/readyz`)).text()).toBe("shutting down\n");
    expect((await fetch(`http://127.0.0.1:${opsPort}/healthz`)).status).toBe(200);
    // A command that arrives while load balancers are still catching up is answered, not dropped.
    const late = "ops-2";
    const lateRequest = signSlashCommand(slashCommand({ teamId: "T0OPS", userId: "U0OPS" }, { text: "find ops", responseUrl: slack.responseUrl(late) }), { signingSecret: SECRET });
    expect((await slack.sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, lateRequest)).status).toBe(200);
    const [lateAnswer] = await slack.waitForResponses(late, 1, 20_000);
    expect(JSON.stringify(lateAnswer!.body)).toContain("Ops Test GmbH");
    expect(await exit).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(DRAIN_SECONDS * 1000);
    expect(stderr).not.toContain("xoxb-test-token");
    expect(stderr).not.toContain(METRICS_TOKEN);
  }, 60_000);
});
