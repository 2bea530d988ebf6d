/**
 * A new embedded data directory from the template `npm run build` made (scripts/embedded-template.mjs):
 * an empty cluster with every migration applied, as PGlite's gzipped tar of its files. Unpacking it
 * takes a fraction of a second and no WebAssembly memory, where creating a cluster (initdb inside
 * PGlite, in a child process) takes seconds and a ~720 MB Wasm heap, and the migrations seconds more.
 *
 * Used only when it matches what runs: the same PGlite version and exactly the migration files that
 * would be applied (names and checksums; a restore that rebuilds an older schema does not match).
 * Otherwise, or in development (src/ has no template), the caller creates the cluster as before.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const TEMPLATE_FILE = "embedded-template.tar.gz";
export const TEMPLATE_MANIFEST = "embedded-template.json";

/** What the template holds: written by the build next to it, checked before it is used. */
export type TemplateManifest = { pglite: string; migrations: Record<string, string> };

const here = dirname(fileURLToPath(import.meta.url));

/** The installed PGlite's version (its data directories are only readable by the same build). */
export function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "@electric-sql/pglite" && pkg.version) return pkg.version;
  }
  return "unknown";
}

/** Migration name -> sha256 of its file, as the migration runner records them. */
export function migrationChecksums(migrationsDir: string): Record<string, string> {
  const checksums: Record<string, string> = {};
  for (const entry of readdirSync(migrationsDir, { withFileTypes: true })) {
    const file = join(migrationsDir, entry.name, "migration.sql");
    if (entry.isDirectory() && existsSync(file)) checksums[entry.name] = createHash("sha256").update(readFileSync(file, "utf8")).digest("hex");
  }
  return checksums;
}

/**
 * Makes the template in `outDir` (the build calls this through scripts/embedded-template.mjs): an
 * in-memory cluster with the extensions Rapport loads and every migration of `migrationsDir`
 * applied, dumped as PGlite's gzipped tar, and its manifest. Creating the cluster grows a ~720 MB
 * Wasm heap: run it in a process that ends afterwards.
 */
export async function writeEmbeddedTemplate(outDir: string, migrationsDir: string): Promise<void> {
  const [{ PGlite }, { pg_trgm }, { btree_gin }, { applyMigrations }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/btree_gin"),
    import("./migrate.js"),
  ]);
  const lite = await PGlite.create({ extensions: { pg_trgm, btree_gin } });
  try {
    await applyMigrations(
      {
        query: async <T>(sql: string, params?: unknown[]) => (await lite.query(sql, params)).rows as T[],
        exec: async (sql) => void (await lite.exec(sql)),
        withLock: (fn) => fn(),
      },
      migrationsDir,
    );
    await lite.exec("CHECKPOINT");
    const archive = Buffer.from(await (await lite.dumpDataDir("gzip")).arrayBuffer());
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, TEMPLATE_FILE), archive);
    const manifest: TemplateManifest = { pglite: pgliteVersion(), migrations: migrationChecksums(migrationsDir) };
    writeFileSync(join(outDir, TEMPLATE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    await lite.close();
  }
}

function sameMigrations(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/**
 * Unpacks the template into `dataDir` (empty but for the lock file) when it matches; false when
 * there is none or it does not match. PG_VERSION is written last, after everything else is on
 * disk, so an unpacking cut short is never taken for a cluster.
 */
export async function unpackEmbeddedTemplate(dataDir: string, options: { migrationsDir: string; fsync: boolean; templateDir?: string }): Promise<boolean> {
  const templateDir = options.templateDir ?? here;
  const archive = join(templateDir, TEMPLATE_FILE);
  const manifestFile = join(templateDir, TEMPLATE_MANIFEST);
  if (!existsSync(archive) || !existsSync(manifestFile)) return false;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as TemplateManifest;
  if (manifest.pglite !== pgliteVersion() || !sameMigrations(manifest.migrations, migrationChecksums(options.migrationsDir))) return false;

  let last: { path: string; data: Buffer } | undefined;
  for (const entry of readTar(gunzipSync(readFileSync(archive)))) {
    const relative = normalize(entry.name.replace(/^\/+/, ""));
    if (!relative || relative === "." || relative.startsWith("..") || relative.split(sep).includes("..")) continue;
    const path = join(dataDir, relative);
    if (entry.type === "directory") {
      mkdirSync(path, { recursive: true, mode: 0o700 });
    } else if (relative === "PG_VERSION") {
      last = { path, data: entry.data };
    } else {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, entry.data, { mode: 0o600 });
    }
  }
  if (!last) throw new Error(`${archive} holds no PG_VERSION: rebuild with npm run build.`);
  if (options.fsync) await syncAll(treeOf(dataDir));
  writeFileSync(last.path, last.data, { mode: 0o600 });
  if (options.fsync) await syncAll([last.path, dataDir]);
  return true;
}

type TarEntry = { name: string; type: "file" | "directory"; data: Buffer };

/** The ustar entries PGlite's dumpDataDir writes: regular files and directories. */
function* readTar(tar: Buffer): Generator<TarEntry> {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return;
    const text = (start: number, length: number) => header.toString("utf8", start, start + length).replace(/\0.*$/s, "");
    const size = Number.parseInt(text(124, 12).trim() || "0", 8);
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const flag = String.fromCharCode(header[156]!);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (flag === "5") yield { name, type: "directory", data };
    else if (flag === "0" || flag === "\0") yield { name, type: "file", data };
  }
}

/** Every file and directory under `path`, and `path` itself. */
function treeOf(path: string, found: string[] = []): string[] {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) treeOf(join(path, entry.name), found);
    else if (entry.isFile()) found.push(join(path, entry.name));
  }
  found.push(path);
  return found;
}

/**
 * fsync of each path, many at a time: one by one, a thousand small files take seconds on a busy
 * disk; in flight together the file system commits them in a few journal writes.
 */
async function syncAll(paths: string[], inFlight = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const handle = await open(paths[next++]!, "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}
