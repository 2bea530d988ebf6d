#!/usr/bin/env node
// `npm run build [-- <out dir>]`: compiles src/ to dist/ (or the given directory), file by file with
// esbuild: the same transform tsx applies in development, so dist/ runs the code the tests ran.
// Types are checked by `npm run typecheck` (and `npm test`), not here. The output keeps src/'s
// layout, so paths relative to a module (prisma/migrations, the embedded-database script) resolve
// the same way from both. A fresh directory each time, so no file of a deleted module lingers.
// Last, scripts/embedded-template.mjs writes the embedded database's template next to the code.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const out = resolve(process.argv[2] ?? join(root, "dist"));
const started = performance.now();
rmSync(out, { recursive: true, force: true });

const files = readdirSync(src, { recursive: true, encoding: "utf8" });
const modules = files.filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".d.ts"));
await build({
  entryPoints: modules.map((file) => join(src, file)),
  outdir: out,
  outbase: src,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
});
// The generated Prisma client imports "./enums.ts"; Node needs the compiled "./enums.js".
const TS_SPECIFIER = /((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g;
for (const file of modules) {
  const path = join(out, file.replace(/\.ts$/, ".js"));
  const code = readFileSync(path, "utf8");
  const rewritten = code.replace(TS_SPECIFIER, "$1$2$3.js$2");
  if (rewritten !== code) writeFileSync(path, rewritten);
}
// JavaScript files in src/ (run as their own processes) are copied as they are.
for (const file of files) if (file.endsWith(".mjs")) cpSync(join(src, file), join(out, file));
// The template a new embedded data directory starts from: an empty cluster, migrations applied.
execFileSync(process.execPath, [join(root, "scripts/embedded-template.mjs"), out], { stdio: "inherit" });
process.stdout.write(`Compiled ${modules.length} modules from src/ to ${relative(process.cwd(), out) || "."}/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
