#!/usr/bin/env node
// Run after `npm ci --omit=dev` in the Dockerfile's dependency stage (never in a checkout): removes
// what a production install still brings but Rapport never loads.
// - Optional peers that are development tools: @prisma/client names the Prisma CLI and TypeScript
//   as optional peers, so npm keeps them ("devOptional" in the lock file) even with --omit=dev.
//   Migrations need no CLI at run time (src/data/migrate.ts applies them).
// - Font weights other than the regular one src/charts/render-chart.ts loads (9 weights of CJK
//   fonts are 150 MB).
// - Prisma's engines for other databases and its source maps: the client runs the PostgreSQL
//   query compiler only (engineType "client" with a driver adapter).
// - What only editors and debuggers read: source maps, TypeScript declarations, Markdown docs
//   (licence files stay). About 60 MB over some 8,000 files.
import { existsSync, lstatSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2] ?? process.cwd();
const modules = join(root, "node_modules");
let freed = 0;
const remove = (path) => {
  if (!existsSync(path)) return;
  freed += size(path);
  rmSync(path, { recursive: true, force: true });
};
function size(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + size(join(path, name)), 0);
}

const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
for (const [path, entry] of Object.entries(lock.packages ?? {})) if (path && entry.devOptional) remove(join(root, path));

for (const family of ["noto-sans", "noto-sans-sc", "noto-sans-kr"]) {
  const dir = join(modules, "@expo-google-fonts", family);
  if (!existsSync(dir)) continue;
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory() && entry.name !== "400Regular") remove(join(dir, entry.name));
  for (const entry of readdirSync(join(dir, "400Regular"))) if (entry.endsWith(".png")) remove(join(dir, "400Regular", entry));
}

const runtime = join(modules, "@prisma/client/runtime");
if (existsSync(runtime)) {
  for (const name of readdirSync(runtime)) {
    if (/(cockroachdb|mysql|sqlserver|sqlite)|^query_engine_bg\.|\.map$/.test(name)) {
      remove(join(runtime, name));
    }
  }
}
const EDITOR_ONLY = /\.(map|d\.ts|d\.mts|d\.cts|md|markdown)$/i;
const LICENCE = /^(licen[cs]e|copying|notice)/i;
function pruneEditorFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pruneEditorFiles(path);
    else if (entry.isFile() && EDITOR_ONLY.test(entry.name) && !LICENCE.test(entry.name)) remove(path);
  }
}
pruneEditorFiles(modules);

process.stdout.write(`Pruned ${(freed / 1024 / 1024).toFixed(0)} MB from ${modules}\n`);
