/**
 * The import-graph check behind test/architecture/import-graph.test.ts: reads every source file
 * under src/ (Prisma's generated client excepted), resolves its imports and reports what breaks
 * the one-way layering. Pure functions over a plain graph, so the test can also feed it a
 * synthetic graph and see that it catches what it should.
 *
 * Layers, lowest first (an import may only point to its own layer or one it lists):
 *   core       src/core/                       core
 *   data       src/data/                       core, generated
 *   service    src/{digests,import,export,charts,documents}/   core, other services
 *   commands   src/commands/                   core, services
 *   adapter    src/adapters/<name>/            core, services, commands, src/adapters/kit/; a
 *                                              platform's folder never another platform's
 *   root       src/{cli,app,config,logging,platforms}.ts, src/cli/, src/ops/   anything
 *   generated  src/generated/                  (Prisma's output: data imports it)
 *
 * Also: only src/adapters/slack imports @slack/*, only src/adapters/discord imports discord.js,
 * only src/data imports Prisma, pg or PGlite (test files included); no file or folder cycles;
 * only src/config.ts reads process.env.
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export type Layer = "core" | "data" | "service" | "commands" | "adapter" | "root" | "generated" | "unknown";

/** A file path relative to the repository, with "/" separators: "src/core/reply.ts". */
export type FilePath = string;

export type ImportEdge = { from: FilePath; specifier: string; to?: FilePath };

/** `envReaders`: files whose code (comments aside) mentions `process.env`. */
export type ImportGraph = { files: FilePath[]; edges: ImportEdge[]; envReaders?: FilePath[] };

export type Violation =
  | { kind: "upward"; from: FilePath; to: FilePath; message: string }
  | { kind: "sdk"; from: FilePath; specifier: string; message: string }
  | { kind: "unresolved"; from: FilePath; specifier: string; message: string }
  | { kind: "unlayered"; from: FilePath; message: string }
  | { kind: "env"; from: FilePath; message: string }
  | { kind: "file-cycle"; files: FilePath[]; message: string }
  | { kind: "folder-cycle"; folders: string[]; message: string };

const SERVICES = ["digests", "import", "export", "charts", "documents"];
const ROOT_FILES = ["src/cli.ts", "src/app.ts", "src/config.ts", "src/logging.ts", "src/platforms.ts"];
const ROOT_FOLDERS = ["src/cli/", "src/ops/"];
/** Adapter folders every adapter may use; every other folder under src/adapters/ is one platform's. */
export const SHARED_ADAPTER_FOLDERS = ["kit"];

const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: ["core"],
  data: ["core", "data", "generated"],
  service: ["core", "service"],
  commands: ["core", "service", "commands"],
  adapter: ["core", "service", "commands", "adapter"],
  root: ["core", "data", "service", "commands", "adapter", "root", "generated"],
  generated: ["generated"],
  unknown: [],
};

export function layerOf(file: FilePath): Layer {
  if (ROOT_FILES.includes(file) || ROOT_FOLDERS.some((folder) => file.startsWith(folder))) return "root";
  const [top, first] = file.split("/");
  if (top !== "src" || first === undefined) return "unknown";
  if (first === "core") return "core";
  if (first === "data") return "data";
  if (first === "generated") return "generated";
  if (first === "commands") return "commands";
  if (first === "adapters") return "adapter";
  if (SERVICES.includes(first)) return "service";
  return "unknown";
}

/** "slack" for src/adapters/slack/app.ts; undefined outside src/adapters/. */
function adapterOf(file: FilePath): string | undefined {
  const match = /^src\/adapters\/([^/]+)\//.exec(file);
  return match?.[1];
}

/**
 * Packages only one place may import. A bare specifier matches a rule when it equals `package` or
 * starts with `package/`; `scope` rules match every package of an npm scope.
 */
type SdkRule = { what: string; matches(specifier: string): boolean; allowedIn(file: FilePath): boolean; home: string };

const isPackage = (specifier: string, name: string) => specifier === name || specifier.startsWith(`${name}/`);

const inData = (file: FilePath) => file.startsWith("src/data/");

export const SDK_RULES: readonly SdkRule[] = [
  { what: "@slack/*", matches: (s) => s.startsWith("@slack/"), allowedIn: (f) => f.startsWith("src/adapters/slack/"), home: "src/adapters/slack/" },
  { what: "discord.js", matches: (s) => isPackage(s, "discord.js") || s.startsWith("@discordjs/"), allowedIn: (f) => f.startsWith("src/adapters/discord/"), home: "src/adapters/discord/" },
  {
    what: "the database client (Prisma, pg, PGlite)",
    matches: (s) => ["@prisma/client", "@prisma/adapter-pg", "prisma", "pg", "@electric-sql/pglite", "pglite-prisma-adapter"].some((name) => isPackage(s, name)),
    allowedIn: inData,
    home: "src/data/",
  },
];

const SOURCE = /\.(ts|mts|mjs)$/;

/** Every source file under `dir` (relative to `repo`), skipping Prisma's generated client. */
export function listSourceFiles(repo: string, dir = "src"): FilePath[] {
  const out: FilePath[] = [];
  const walk = (absolute: string) => {
    for (const name of readdirSync(absolute)) {
      const path = join(absolute, name);
      const rel = relative(repo, path).split(sep).join("/");
      if (rel === "src/generated") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(rel);
    }
  };
  walk(join(repo, dir));
  return out.sort();
}

/**
 * Every module specifier a file names: static and `import type` imports, `export ... from`,
 * dynamic `import("...")` and `typeof import("...")` types, and `require()`.
 */
export function specifiersOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((ref) => ref.fileName);
}

/** NodeNext resolution of a relative specifier to a file in the repository, or undefined. */
export function resolveRelative(repo: string, from: FilePath, specifier: string): FilePath | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = specifier.endsWith(".js")
    ? [base.replace(/\.js$/, ".ts"), base]
    : specifier.endsWith(".mjs")
      ? [base.replace(/\.mjs$/, ".mts"), base]
      : [base];
  return candidates.find((candidate) => existsSync(join(repo, candidate)) && statSync(join(repo, candidate)).isFile());
}

/** Whether the code, comments and strings aside, reads `process.env`. */
export function readsProcessEnv(source: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    tokens.push(scanner.getTokenText());
    if (tokens.length > 3) tokens.shift();
    if (tokens.join("") === "process.env") return true;
  }
  return false;
}

/** The only file that reads the environment; everything else gets the parsed config passed in. */
export const ENV_READER = "src/config.ts";

export function readGraph(repo: string): ImportGraph {
  const files = listSourceFiles(repo);
  const edges: ImportEdge[] = [];
  const envReaders: FilePath[] = [];
  for (const file of files) {
    const source = readFileSync(join(repo, file), "utf8");
    if (readsProcessEnv(source)) envReaders.push(file);
    for (const specifier of specifiersOf(source)) {
      if (specifier.startsWith(".")) edges.push({ from: file, specifier, to: resolveRelative(repo, file, specifier) });
      else edges.push({ from: file, specifier });
    }
  }
  return { files, edges, envReaders };
}

const isTest = (file: FilePath) => /\.test\.(ts|mts)$/.test(file);

/**
 * The folder a file belongs to for the folder-cycle check: its top-level folder under src/
 * ("src/digests" for src/digests/builders/churn.ts), one folder per adapter ("src/adapters/slack"),
 * and each root file on its own ("src/app.ts"). Subfolders of one module are one unit: a
 * registry such as listeners/index.ts lists listeners/actions/*, which use listeners/identity.ts.
 */
export function folderOf(file: FilePath): string {
  const parts = file.split("/");
  if (parts[0] !== "src" || parts.length <= 2) return file;
  if (parts[1] === "adapters" && parts.length > 3) return parts.slice(0, 3).join("/");
  return parts.slice(0, 2).join("/");
}

/** Strongly connected components with more than one node, or a node importing itself (Tarjan). */
export function cyclesIn(nodes: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indexOf.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.has(node)) components.push(component.sort());
    }
  };
  for (const node of [...nodes].sort()) if (!indexOf.has(node)) connect(node);
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** One concrete loop through a component, for a readable message: a → b → c → a. */
function loopThrough(component: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const members = new Set(component);
  const start = component[0]!;
  // Breadth-first from start back to start inside the component: the shortest loop.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...component, start];
}

export function checkGraph(graph: ImportGraph): Violation[] {
  const violations: Violation[] = [];
  const fileEdges = new Map<string, Set<string>>();
  const folderEdges = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, from: string, to: string) => {
    if (!map.has(from)) map.set(from, new Set());
    map.get(from)!.add(to);
  };
  for (const file of graph.files) {
    if (layerOf(file) === "unknown" && !isTest(file)) violations.push({ kind: "unlayered", from: file, message: `${file} is in no layer: place it under a layer's folder or add its folder to the layering in test/architecture/import-graph.ts` });
  }
  for (const file of graph.envReaders ?? []) {
    if (file !== ENV_READER && !isTest(file)) violations.push({ kind: "env", from: file, message: `${file} reads process.env: only ${ENV_READER} does; take the value from the parsed Config` });
  }
  for (const edge of graph.edges) {
    if (!edge.specifier.startsWith(".")) {
      for (const rule of SDK_RULES) {
        if (rule.matches(edge.specifier) && !rule.allowedIn(edge.from)) {
          violations.push({ kind: "sdk", from: edge.from, specifier: edge.specifier, message: `${edge.from} imports ${edge.specifier}: only ${rule.home} may import ${rule.what}` });
        }
      }
      continue;
    }
    if (!edge.to) {
      violations.push({ kind: "unresolved", from: edge.from, specifier: edge.specifier, message: `${edge.from} imports "${edge.specifier}", which resolves to no file` });
      continue;
    }
    add(fileEdges, edge.from, edge.to);
    // A test reaches across layers by design; its imports would make folder loops that are none.
    if (isTest(edge.from)) continue;
    if (folderOf(edge.from) !== folderOf(edge.to)) add(folderEdges, folderOf(edge.from), folderOf(edge.to));
    if (!edge.to.startsWith("src/")) {
      violations.push({ kind: "upward", from: edge.from, to: edge.to, message: `${edge.from} imports ${edge.to}, outside src/: the application never depends on tests, benchmarks or scripts` });
      continue;
    }
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    if (from === "unknown" || to === "unknown") continue;
    if (!ALLOWED[from].includes(to)) {
      violations.push({ kind: "upward", from: edge.from, to: edge.to, message: `${edge.from} (${from}) imports ${edge.to} (${to}): ${from} may import only ${ALLOWED[from].join(", ")}` });
      continue;
    }
    const fromAdapter = adapterOf(edge.from);
    const toAdapter = adapterOf(edge.to);
    if (fromAdapter && toAdapter && fromAdapter !== toAdapter && !SHARED_ADAPTER_FOLDERS.includes(toAdapter)) {
      violations.push({ kind: "upward", from: edge.from, to: edge.to, message: `${edge.from} imports ${edge.to}: one platform adapter never imports another (shared code goes to core or src/adapters/kit)` });
    }
  }
  for (const component of cyclesIn(graph.files, fileEdges)) {
    violations.push({ kind: "file-cycle", files: component, message: `import cycle between files: ${loopThrough(component, fileEdges).join(" → ")}` });
  }
  const folders = [...new Set(graph.files.map(folderOf))];
  for (const component of cyclesIn(folders, folderEdges)) {
    violations.push({ kind: "folder-cycle", folders: component, message: `import cycle between folders: ${loopThrough(component, folderEdges).join(" → ")}` });
  }
  return violations;
}

/** A stable one-line key per violation, for the allow-list. */
export function violationKey(violation: Violation): string {
  switch (violation.kind) {
    case "upward":
      return `upward ${violation.from} -> ${violation.to}`;
    case "sdk":
      return `sdk ${violation.from} -> ${violation.specifier}`;
    case "unresolved":
      return `unresolved ${violation.from} -> ${violation.specifier}`;
    case "unlayered":
      return `unlayered ${violation.from}`;
    case "env":
      return `env ${violation.from}`;
    case "file-cycle":
      return `file-cycle ${violation.files.join(" ")}`;
    case "folder-cycle":
      return `folder-cycle ${violation.folders.join(" ")}`;
  }
}

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
