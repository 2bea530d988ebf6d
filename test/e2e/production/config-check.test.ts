/**
 * `rapport config check` and `.env` as an operator meets them: the real CLI in a directory with a
 * `.env`, the environment winning over the file, a bad value refused naming the file, secrets
 * never printed.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "../../support/run-cli.js";

function rapport(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Only what the test names: a variable of the machine running the suite must not leak in.
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rapport-config-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("config check prints the effective configuration, secrets masked, each value's source", async () => {
  writeFileSync(
    join(dir, ".env"),
    ["LOG_LEVEL=debug", "DATABASE_URL=postgres://rapport:db-password-1@db:5432/rapport", "SLACK_BOT_TOKEN=xoxb-file-token", "SLACK_SIGNING_SECRET=file-signing-secret", "RAPPORT_VACUUM_AT=04:00", ""].join("\n"),
  );
  const { code, stdout, stderr } = await rapport(["config", "check"], dir, { RAPPORT_VACUUM_AT: "02:15", RAPPORT_METRICS_TOKEN: "env-metrics-token" });
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain(`Configuration from the environment and ${join(dir, ".env")}:`);
  expect(stdout).toMatch(/LOG_LEVEL +debug +\.env\n/);
  expect(stdout).toMatch(/RAPPORT_VACUUM_AT +02:15 +env\n/);
  expect(stdout).toMatch(/DATABASE_URL +postgres:\/\/rapport:\*{6}@db:5432\/rapport +\.env\n/);
  expect(stdout).toMatch(/SLACK_BOT_TOKEN +\*{6} +\.env\n/);
  expect(stdout).toMatch(/RAPPORT_METRICS_TOKEN +\*{6} +env\n/);
  expect(stdout).toMatch(/RAPPORT_OPS_HOST +127\.0\.0\.1 +default\n/);
  expect(stdout).toContain("Database: PostgreSQL. Slack: single workspace, HTTP on port 3000. Discord: not configured.");
  expect(stdout).toContain("Configuration OK.");
  for (const secret of ["db-password-1", "xoxb-file-token", "file-signing-secret", "env-metrics-token"]) expect(stdout).not.toContain(secret);
}, 60_000);

test("a bad value in .env stops every command naming the variable and the file; the environment's value wins", async () => {
  writeFileSync(join(dir, ".env"), "LOG_LEVEL=nonsense\n");
  const check = await rapport(["config", "check"], dir, {});
  expect(check.code).toBe(1);
  expect(check.stderr).toBe(`Invalid configuration. LOG_LEVEL (in ${join(dir, ".env")}): LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent\n`);

  const help = await rapport(["help"], dir, {});
  expect(help.code).toBe(1);
  expect(help.stderr).toContain(`LOG_LEVEL (in ${join(dir, ".env")})`);

  const overridden = await rapport(["config", "check"], dir, { LOG_LEVEL: "warn" });
  expect(overridden.code).toBe(0);
  expect(overridden.stdout).toMatch(/LOG_LEVEL +warn +env\n/);
}, 60_000);

test("config check speaks RAPPORT_LOCALE", async () => {
  writeFileSync(join(dir, ".env"), "RAPPORT_LOCALE=ko\n");
  const korean = await rapport(["config", "check"], dir, {});
  expect(korean.code).toBe(0);
  expect(korean.stdout).toContain(`설정 출처: 환경 변수, ${join(dir, ".env")}`);
  expect(korean.stdout).toMatch(/RAPPORT_LOCALE +ko +\.env\n/);
  expect(korean.stdout).toMatch(/RAPPORT_OPS_HOST +127\.0\.0\.1 +기본값\n/);
  expect(korean.stdout).toContain(`데이터베이스: 내장 데이터베이스 (./data). Slack: 미설정. Discord: 미설정.`);
  expect(korean.stdout).toContain("설정에 문제가 없습니다.");

  const traditional = await rapport(["config", "check"], dir, { RAPPORT_LOCALE: "zh-TW" });
  expect(traditional.stdout).toMatch(/RAPPORT_LOCALE +zh-TW +環境變數\n/);
  expect(traditional.stdout).toContain("設定無誤。");
}, 60_000);
