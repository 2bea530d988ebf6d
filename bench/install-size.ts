/**
 * The production install as the Dockerfile's dependency stage makes it, measured: `npm ci
 * --omit=dev --ignore-scripts` into an empty directory holding only package.json and the lock
 * file, then `scripts/prune-production.mjs`; the result's size on disk (`du`), its files' contents
 * and their number. Needs the npm registry (or npm's cache); a failure is reported, never thrown.
 */
import { execFile } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export type InstallSize = { diskMb: number; contentMb: number; files: number } | { error: string };

const run = promisify(execFile);

function contents(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = contents(path);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += lstatSync(path).size;
      files += 1;
    }
  }
  return { bytes, files };
}

export async function measureInstallSize(root: string): Promise<InstallSize> {
  const scratch = mkdtempSync(join(tmpdir(), "rapport-install-"));
  try {
    for (const file of ["package.json", "package-lock.json"]) copyFileSync(join(root, file), join(scratch, file));
    mkdirSync(join(scratch, "scripts"));
    copyFileSync(join(root, "scripts/prune-production.mjs"), join(scratch, "scripts/prune-production.mjs"));
    await run("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: scratch, maxBuffer: 16 * 1024 * 1024 });
    await run(process.execPath, ["scripts/prune-production.mjs"], { cwd: scratch });
    const { stdout } = await run("du", ["-sm", "node_modules"], { cwd: scratch });
    const measured = contents(join(scratch, "node_modules"));
    return { diskMb: Number(stdout.split(/\s/)[0]), contentMb: Math.round(measured.bytes / 1048576), files: measured.files };
  } catch (error) {
    return { error: (error as Error).message.split("\n")[0]! };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
