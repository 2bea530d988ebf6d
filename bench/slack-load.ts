/**
 * The Slack HTTP load: signed slash commands POSTed to the serving process, each answered by its
 * ack (an answer ready within the ack budget rides on it) or when its reply reaches the fake's
 * response_url. The load generator shares the two cores with the server
 * and the database, so it posts through node:http on kept-alive sockets (fetch cost about 1 ms
 * of CPU more per request here) and reports its own CPU per command next to the figures.
 */
import { Agent, request } from "node:http";
import type { FakeSlackApi } from "../test/fakes/slack/fake-slack-api.js";
import { slashCommand } from "../test/fakes/slack/payloads.js";
import { signSlashCommand, type SignedRequest } from "../test/fakes/slack/sign-request.js";
import { MAIN_TENANT } from "./generate.js";
import { runConcurrent, summarize } from "./measure.js";
import type { E2eResult } from "./run-result.js";

export const SLACK_SECRET = "benchsigningsecret0123456789abcdef";
export const SLACK_TOKEN = "xoxb-bench-token";
/** The member the load speaks as: a workspace admin of the data set's main tenant. */
export const BENCH_SLACK_USER = { teamId: MAIN_TENANT.externalId, userId: "UBENCH0", userName: "bench" };

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(url: URL, signed: SignedRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: "POST", agent, headers: { ...signed.headers, "Content-Length": Buffer.byteLength(signed.body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.once("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      response.once("error", reject);
    });
    outgoing.once("error", reject);
    outgoing.end(signed.body);
  });
}

export type SlackLoadResult = E2eResult & { loadGeneratorCpuMsPerCommand: number };

/** `onAnswer`: each measured command's text and its latency in ms. */
export async function slackLoad(
  port: number,
  slack: FakeSlackApi,
  who: { teamId: string; userId: string; userName: string },
  texts: string[],
  total: number,
  concurrency: number,
  budgetMs: number,
  onAnswer?: (text: string, ms: number) => void,
): Promise<SlackLoadResult> {
  const url = new URL(`http://127.0.0.1:${port}/slack/events`);
  let counter = 0;
  let errors = 0;
  let measuring = false;
  const one = async (i: number) => {
    const started = performance.now();
    const id = `bench-${concurrency}-${counter++}`;
    const fields = slashCommand(who, { text: texts[i % texts.length]!, responseUrl: slack.responseUrl(id) });
    const { status, body } = await post(url, signSlashCommand(fields, { signingSecret: SLACK_SECRET }));
    if (status !== 200) errors += 1;
    // Answered in the ack, or later at response_url.
    const answer = body ? body : JSON.stringify((await slack.waitForResponses(id, 1, 60_000))[0]?.body ?? {});
    if (answer.includes("Sorry, something went wrong")) errors += 1;
    if (measuring) onAnswer?.(texts[i % texts.length]!, performance.now() - started);
  };
  for (let i = 0; i < Math.min(texts.length, 10); i++) await one(i); // warm-up
  slack.reset();
  measuring = true;
  const cpuBefore = process.cpuUsage();
  const run = await runConcurrent(total, concurrency, one, budgetMs);
  const cpu = process.cpuUsage(cpuBefore);
  slack.reset();
  const loadGeneratorCpuMsPerCommand = Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, run.samples.length)) * 100) / 100;
  return { concurrency, stats: summarize(run.samples), perSecond: run.perSecond, errors, loadGeneratorCpuMsPerCommand };
}
