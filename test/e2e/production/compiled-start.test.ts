/**
 * The production path as the Dockerfile runs it, outside Docker: `npm run build` into a fresh
 * tree holding only what the image's runtime stage holds (package.json, bin/, dist/,
 * prisma/migrations, node_modules without the compiler, tsx or the Prisma CLI), then, as a
 * non-root user when the suite runs as root, `NODE_ENV=production rapport help` and the image's
 * own command with the image's own environment (both read from the Dockerfile): the Dockerfile's
 * HEALTHCHECK command passes, /metrics answers only with its token, and SIGTERM ends it with exit
 * code 0.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const ROOT = join(import.meta.dirname, "../../..");
const DOCKERFILE = readFileSync(join(ROOT, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
const runtimeStage = DOCKERFILE.slice(DOCKERFILE.lastIndexOf("FROM "));

/** The runtime stage's ENV lines (KEY=value pairs). */
function imageEnv(): Record<string, string> {
  const pairs = [...runtimeStage.matchAll(/^ENV (.+)$/gm)].flatMap((match) => [...match[1]!.matchAll(/(\w+)=(\S+)/g)]);
  return Object.fromEntries(pairs.map((pair) => [pair[1]!, pair[2]!]));
}

/** An exec-form instruction's argument list, e.g. CMD ["node", ...]. */
function execForm(instruction: RegExp): string[] {
  const match = instruction.exec(runtimeStage);
  if (!match) throw new Error(`Dockerfile: no ${instruction}`);
  return JSON.parse(match[1]!) as string[];
}
/** Development tools the runtime must not need; the test fails if a compiled module imports one. */
const DEV_ONLY = new Set(["tsx", "typescript", "prisma", "vitest", "@vitest", "esbuild", "@esbuild", "fast-check"]);
const METRICS_TOKEN = "compiled-metrics-token";

let tree: string;
let dataDir: string;
/** Whether a user other than the owner may reach files under `dir` (every ancestor searchable by others). */
function reachableByOthers(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/**
 * `nobody` when the suite runs as root (CI does): the image runs as an unprivileged user too. The
 * runtime tree links to this checkout's node_modules, so only when `nobody` can reach them.
 */
const user = process.getuid?.() === 0 && reachableByOthers(join(ROOT, "node_modules")) ? { uid: 65534, gid: 65534 } : {};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function rapportEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: tree, NODE_ENV: "production", LOG_LEVEL: "warn", RAPPORT_TIME_ZONE: "UTC", ...extra };
}

beforeAll(async () => {
  tree = mkdtempSync(join(tmpdir(), "rapport-compiled-"));
  await promisify(execFile)(process.execPath, [join(ROOT, "scripts/build.mjs"), join(tree, "dist")], { cwd: ROOT });
  cpSync(join(ROOT, "package.json"), join(tree, "package.json"));
  cpSync(join(ROOT, "bin"), join(tree, "bin"), { recursive: true });
  cpSync(join(ROOT, "prisma/migrations"), join(tree, "prisma/migrations"), { recursive: true });
  mkdirSync(join(tree, "node_modules"));
  for (const entry of readdirSync(join(ROOT, "node_modules"))) {
    if (!DEV_ONLY.has(entry) && !entry.startsWith(".")) symlinkSync(join(ROOT, "node_modules", entry), join(tree, "node_modules", entry));
  }
  dataDir = join(tree, "data");
  mkdirSync(dataDir);
  chmodSync(tree, 0o755);
  if (user.uid !== undefined) chownSync(dataDir, user.uid, user.gid!);
}, 180_000);

afterAll(() => rmSync(tree, { recursive: true, force: true }));

test("the build writes compiled JavaScript only, with the Prisma client and the embedded-database script", () => {
  expect(existsSync(join(tree, "dist/cli.js"))).toBe(true);
  expect(existsSync(join(tree, "dist/generated/prisma/client.js"))).toBe(true);
  expect(existsSync(join(tree, "dist/data/create-embedded-database.mjs"))).toBe(true);
  // A new embedded directory starts from this template (an empty cluster, migrations applied).
  expect(existsSync(join(tree, "dist/data/embedded-template.tar.gz"))).toBe(true);
  expect(JSON.parse(readFileSync(join(tree, "dist/data/embedded-template.json"), "utf8")).migrations).toHaveProperty("20261123000000_init");
  const files = readdirSync(join(tree, "dist"), { recursive: true, encoding: "utf8" });
  expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
  expect(files.filter((file) => file.endsWith(".test.js"))).toEqual([]);
});

test("NODE_ENV=production rapport help runs the compiled CLI", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(tree, "bin/rapport.mjs"), "help"], { cwd: tree, env: rapportEnv({}), ...user });
  expect(stdout).toContain("Usage: rapport <command>");
  expect(stdout).toContain("config check");
}, 30_000);

test("the image's command and environment from the compiled tree: HEALTHCHECK passes, a token for /metrics, exit 0 on SIGTERM", async () => {
  const env = imageEnv();
  expect(env).toMatchObject({ NODE_ENV: "production", RAPPORT_OPS_HOST: "0.0.0.0" });
  const [command, ...args] = execForm(/^CMD (\[.+\])$/m);
  expect(command).toBe("node");
  const [healthCommand, ...healthArgs] = execForm(/^HEALTHCHECK .*?CMD (\[.+\])$/m);
  const opsPort = await freePort();
  const containerEnv = rapportEnv({ ...env, RAPPORT_DATA_DIR: dataDir, RAPPORT_OPS_PORT: String(opsPort), RAPPORT_METRICS_TOKEN: METRICS_TOKEN, RAPPORT_DRAIN_SECONDS: "1" });
  let stderr = "";
  const child: ChildProcess = spawn(process.execPath, args, { cwd: tree, env: containerEnv, stdio: ["ignore", "pipe", "pipe"], ...user });
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const healthcheck = () =>
    promisify(execFile)(healthCommand === "node" ? process.execPath : healthCommand!, healthArgs, { cwd: tree, env: containerEnv, ...user }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? 1,
    );
  try {
    const until = Date.now() + 90_000;
    let ready = false;
    while (!ready && Date.now() < until && child.exitCode === null) {
      ready = await fetch(`http://127.0.0.1:${opsPort}/readyz`).then((response) => response.status === 200, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(ready, stderr).toBe(true);
    expect(await healthcheck()).toBe(0);
    expect((await fetch(`http://127.0.0.1:${opsPort}/metrics`)).status).toBe(401);
    const metrics = await fetch(`http://127.0.0.1:${opsPort}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("rapport_database_pool_connections");
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr).toBe("");
    // Stopped: the healthcheck now fails, as it must for a dead container.
    expect(await healthcheck()).toBe(1);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}, 120_000);
