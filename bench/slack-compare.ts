/**
 * `npx tsx bench/slack-compare.ts [--command find|deals|forecast] [--size 100k|1m] [--total 1280] [--concurrency 32] [--checkout DIR] [--cpu-prof DIR]`
 *
 * One Slack HTTP run on a cached PostgreSQL data set (100k unless --size says), with its CPU split: the serving
 * process, the database's backends and this process (load generator and fake Slack). `--checkout`
 * serves from another checkout of Rapport (e.g. a `git worktree` of an older commit, with
 * node_modules linked) while the load generator stays this one, so two versions are compared on
 * the same machine with the same load: run them alternately, as the machine's speed drifts.
 * `--cpu-prof` writes the serving process's V8 CPU profile (warm-up included) into DIR. Latencies
 * are also printed per query class (find) or per command text (deals, forecast).
 */
import { fork } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startFakeSlackApi } from "../test/fakes/slack/fake-slack-api.js";
import { BENCH_DIR, SIZE_CUSTOMERS, targetFor, type BenchSize } from "./db.js";
import { ANCHOR_DATE, ensureDataset } from "./generate.js";
import { buildQueryMix, DEAL_COMMANDS, MAIN_CLASSES } from "./queries.js";
import { BENCH_SLACK_USER, SLACK_SECRET, SLACK_TOKEN, slackLoad } from "./slack-load.js";
import type { ServeRequest, ServeResponse } from "./serve.js";

const { values } = parseArgs({ options: { command: { type: "string", default: "find" }, size: { type: "string", default: "100k" }, total: { type: "string", default: "1280" }, concurrency: { type: "string", default: "32" }, checkout: { type: "string" }, "cpu-prof": { type: "string" } } });
const command = values.command!;
const texts = command === "find" ? buildQueryMix().filter((query) => MAIN_CLASSES.includes(query.klass)).map((query) => `find ${query.text}`) : DEAL_COMMANDS.find((entry) => entry.command === command)?.texts;
if (!texts) throw new Error(`--command must be find, deals or forecast (got ${command})`);

const size = values.size as BenchSize;
if (!(size in SIZE_CUSTOMERS)) throw new Error(`--size must be one of ${Object.keys(SIZE_CUSTOMERS).join(", ")} (got ${values.size})`);
await ensureDataset("postgres", size, (line) => console.log(line));
const who = BENCH_SLACK_USER;
const slack = await startFakeSlackApi({ tokens: [SLACK_TOKEN], teamId: who.teamId, users: [{ id: who.userId, teamId: who.teamId, name: "bench", realName: "Bench User", email: "bench@bench.example", tz: "UTC", isAdmin: true }] });
const serve = values.checkout ? join(resolve(values.checkout), "bench/serve.ts") : join(BENCH_DIR, "serve.ts");
const child = fork(serve, [], { execArgv: ["--import", "tsx", ...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${resolve(values["cpu-prof"])}`] : [])], stdio: ["ignore", "inherit", "inherit", "ipc"] });
const ask = <T extends ServeResponse["type"]>(request: ServeRequest, expect: T) =>
  new Promise<Extract<ServeResponse, { type: T }>>((done, fail) => {
    child.once("message", (message: ServeResponse) => (message.type === expect ? done(message as Extract<ServeResponse, { type: T }>) : fail(new Error(JSON.stringify(message)))));
    child.send(request);
  });
try {
  const ready = await ask({ type: "init", target: targetFor("postgres", size), tenantExternalId: who.teamId, clockAnchor: `${ANCHOR_DATE}T12:00:00.000Z`, slack: { apiUrl: slack.apiUrl, signingSecret: SLACK_SECRET, botToken: SLACK_TOKEN } }, "ready");
  const concurrency = Number(values.concurrency);
  await slackLoad(ready.port!, slack, who, texts, 200, concurrency, Number.POSITIVE_INFINITY); // warm-up
  await ask({ type: "cpuMark" }, "cpuMark");
  // Latency per query class (find) or per text (deals, forecast): where the tail comes from.
  const classOf = new Map(buildQueryMix().map((query) => [`find ${query.text}`, query.klass as string]));
  const byGroup = new Map<string, number[]>();
  const run = await slackLoad(ready.port!, slack, who, texts, Number(values.total), concurrency, Number.POSITIVE_INFINITY, (text, ms) => {
    const group = classOf.get(text) ?? text;
    byGroup.set(group, [...(byGroup.get(group) ?? []), ms]);
  });
  for (const [group, list] of byGroup) {
    const sorted = list.sort((a, b) => a - b);
    const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!.toFixed(0);
    console.log(`  ${group.padEnd(32)} p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms (n=${sorted.length})`);
  }
  const mark = await ask({ type: "cpuMark" }, "cpuMark");
  const count = run.stats.count + Math.min(texts.length, 10); // slackLoad's own warm-up requests
  const perCommand = (ms: number | null) => (ms === null ? "in-process" : (ms / count).toFixed(2));
  console.log(`${command} via Slack HTTP @${concurrency} (${values.checkout ?? "this checkout"}): ${run.perSecond}/s, p50 ${run.stats.p50.toFixed(1)} ms, p99 ${run.stats.p99.toFixed(1)} ms, errors ${run.errors}`);
  console.log(`  CPU per command: server ${perCommand(mark.serverMs)} ms, database ${perCommand(mark.databaseMs)} ms, load generator and fake Slack ${run.loadGeneratorCpuMsPerCommand} ms`);
} finally {
  child.send({ type: "close" } satisfies ServeRequest);
  await new Promise((done) => child.once("exit", done));
  await slack.stop();
}
