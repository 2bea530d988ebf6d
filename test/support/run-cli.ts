/** Runs `bin/rapport.mjs` as a user would: a real process on the embedded database, stdin piped. */
import { spawn } from "node:child_process";
import { join } from "node:path";

export const BIN = join(import.meta.dirname, "../../bin/rapport.mjs");

export function runCli(args: string[], input: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      // NODE_OPTIONS cleared: the launcher picks its own heap flag for `import`.
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", RAPPORT_TIME_ZONE: "UTC", NODE_OPTIONS: "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
