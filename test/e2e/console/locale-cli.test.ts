/** `rapport console --locale` and RAPPORT_LOCALE as a user runs them: a real process on a real data directory. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../support/run-cli.js";

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "rapport-cli-locale-"));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("--locale zh-CN answers in Simplified Chinese; RAPPORT_LOCALE=ko is the default when no --locale is given", async () => {
  const chinese = await runCli(["console", "--locale", "zh-CN"], "help\nbogus\nfnd acme\n", { RAPPORT_DATA_DIR: dataDir });
  expect(chinese.stderr).toBe("");
  expect(chinese.code).toBe(0);
  expect(chinese.stdout).toContain("Rapport 命令");
  expect(chinese.stdout).toContain("查找");
  expect(chinese.stdout).toContain("按名称、别名、联系人、邮箱或电话查找客户");
  expect(chinese.stdout).toContain("没有“bogus”这个命令。输入 帮助 查看全部命令。");
  expect(chinese.stdout).toContain("没有“fnd”这个命令。您是不是想用 查找？输入 帮助 查看全部命令。");
  expect(chinese.stdout).toContain("示例：/crm 查找 acme");

  const korean = await runCli(["console"], "help\n", { RAPPORT_DATA_DIR: dataDir, RAPPORT_LOCALE: "ko" });
  expect(korean.code).toBe(0);
  expect(korean.stdout).toContain("Rapport 명령어");
}, 180_000);
