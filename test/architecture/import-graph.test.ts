import { describe, expect, test } from "vitest";
import { checkGraph, folderOf, layerOf, readGraph, readsProcessEnv, REPO_ROOT, specifiersOf, violationKey, type ImportGraph } from "./import-graph.js";

/**
 * Violations accepted for a reason, each with that reason; an entry that no longer occurs fails
 * the test, so the list only shrinks. Empty: the graph has no exceptions.
 */
const KNOWN_VIOLATIONS: ReadonlyMap<string, string> = new Map<string, string>([]);

describe("import graph of src/", () => {
  const violations = checkGraph(readGraph(REPO_ROOT));

  test("should point every import one way, with no SDK outside its adapter and no cycles", () => {
    const unexpected = violations.filter((violation) => !KNOWN_VIOLATIONS.has(violationKey(violation)));
    expect(unexpected.map((violation) => violation.message)).toEqual([]);
  });

  test("should list only known violations that still occur", () => {
    const seen = new Set(violations.map(violationKey));
    expect([...KNOWN_VIOLATIONS.keys()].filter((key) => !seen.has(key))).toEqual([]);
  });
});

describe("layerOf", () => {
  test.each([
    ["src/core/reply.ts", "core"],
    ["src/core/text/truncate.ts", "core"],
    ["src/data/store.ts", "data"],
    ["src/generated/prisma/client.ts", "generated"],
    ["src/digests/builders/churn.ts", "service"],
    ["src/import/read-rows.ts", "service"],
    ["src/export/write-table.ts", "service"],
    ["src/charts/render-chart.ts", "service"],
    ["src/commands/log.ts", "commands"],
    ["src/adapters/slack/app.ts", "adapter"],
    ["src/cli.ts", "root"],
    ["src/app.ts", "root"],
    ["src/config.ts", "root"],
    ["src/logging.ts", "root"],
    ["src/platforms.ts", "root"],
    ["src/cli/import-cli.ts", "root"],
    ["src/ops/metrics.ts", "root"],
    ["src/misc/thing.ts", "unknown"],
  ])("GIVEN %s THEN it is in layer %s", (file, layer) => {
    expect(layerOf(file)).toBe(layer);
  });
});

describe("folderOf", () => {
  test.each([
    ["src/digests/builders/churn.ts", "src/digests"],
    ["src/adapters/slack/listeners/actions/run.ts", "src/adapters/slack"],
    ["src/app.ts", "src/app.ts"],
    ["src/cli/export-cli.ts", "src/cli"],
  ])("GIVEN %s THEN its folder is %s", (file, folder) => {
    expect(folderOf(file)).toBe(folder);
  });
});

describe("readsProcessEnv", () => {
  test.each([
    ["const port = process.env.PORT;", true],
    ["loadConfig(process.env)", true],
    ["const { env } = process; // process.env is read in config.ts", false],
    ['const text = "set it in process.env";', false],
    ["/** defaults to process.env */ function f() {}", false],
  ])("GIVEN %s THEN %s", (source, reads) => {
    expect(readsProcessEnv(source)).toBe(reads);
  });
});

describe("specifiersOf", () => {
  test("should find static, type-only, re-exported, dynamic and type-position imports", () => {
    const source = [
      'import { a } from "./a.js";',
      'import type { B } from "./b.js";',
      'export { c } from "./c.js";',
      'export * from "./d.js";',
      'const e = await import("./e.js");',
      'type F = typeof import("./f.js");',
      'import "./g.js";',
    ].join("\n");
    expect(specifiersOf(source).sort()).toEqual(["./a.js", "./b.js", "./c.js", "./d.js", "./e.js", "./f.js", "./g.js"]);
  });
});

describe("checkGraph on a synthetic graph", () => {
  const edge = (from: string, to: string) => ({ from, specifier: `./${to.split("/").pop()!.replace(/\.ts$/, ".js")}`, to });
  const sdk = (from: string, specifier: string) => ({ from, specifier });

  test("should report an upward import, a file cycle and the folder cycle it makes", () => {
    const graph: ImportGraph = {
      files: ["src/core/model.ts", "src/commands/log.ts"],
      edges: [edge("src/commands/log.ts", "src/core/model.ts"), edge("src/core/model.ts", "src/commands/log.ts")],
    };
    expect(checkGraph(graph).map(violationKey)).toEqual([
      "upward src/core/model.ts -> src/commands/log.ts",
      "file-cycle src/commands/log.ts src/core/model.ts",
      "folder-cycle src/commands src/core",
    ]);
  });

  test("should report a service importing data, an adapter importing data and a root file", () => {
    const graph: ImportGraph = {
      files: ["src/digests/service.ts", "src/data/store.ts", "src/adapters/slack/app.ts", "src/app.ts"],
      edges: [
        edge("src/digests/service.ts", "src/data/store.ts"),
        edge("src/adapters/slack/app.ts", "src/data/store.ts"),
        edge("src/adapters/slack/app.ts", "src/app.ts"),
        edge("src/app.ts", "src/data/store.ts"),
      ],
    };
    expect(checkGraph(graph).map(violationKey)).toEqual([
      "upward src/digests/service.ts -> src/data/store.ts",
      "upward src/adapters/slack/app.ts -> src/data/store.ts",
      "upward src/adapters/slack/app.ts -> src/app.ts",
    ]);
  });

  test("should keep platform adapters apart, a new one too, but let them share the kit", () => {
    const graph: ImportGraph = {
      files: ["src/adapters/slack/app.ts", "src/adapters/console/render-text.ts", "src/adapters/webhook/platform.ts", "src/adapters/kit/truncate.ts"],
      edges: [
        edge("src/adapters/slack/app.ts", "src/adapters/console/render-text.ts"),
        edge("src/adapters/webhook/platform.ts", "src/adapters/console/render-text.ts"),
        edge("src/adapters/slack/app.ts", "src/adapters/kit/truncate.ts"),
        edge("src/adapters/kit/truncate.ts", "src/adapters/webhook/platform.ts"),
      ],
    };
    expect(checkGraph(graph).map(violationKey)).toEqual([
      "upward src/adapters/slack/app.ts -> src/adapters/console/render-text.ts",
      "upward src/adapters/webhook/platform.ts -> src/adapters/console/render-text.ts",
      "upward src/adapters/kit/truncate.ts -> src/adapters/webhook/platform.ts",
    ]);
  });

  test("should report SDK imports outside their home, in test files too", () => {
    const graph: ImportGraph = {
      files: ["src/core/reply.ts", "src/data/store.ts", "src/adapters/slack/app.ts", "src/adapters/discord/bot.ts", "src/core/reply.test.ts"],
      edges: [
        sdk("src/core/reply.ts", "@slack/bolt"),
        sdk("src/data/store.ts", "@slack/oauth"),
        sdk("src/adapters/slack/app.ts", "discord.js"),
        sdk("src/adapters/slack/app.ts", "@prisma/client"),
        sdk("src/adapters/discord/bot.ts", "discord.js"),
        sdk("src/data/store.ts", "pg"),
        sdk("src/core/reply.test.ts", "@electric-sql/pglite"),
        sdk("src/core/reply.ts", "zod"),
      ],
    };
    expect(checkGraph(graph).map(violationKey)).toEqual([
      "sdk src/core/reply.ts -> @slack/bolt",
      "sdk src/data/store.ts -> @slack/oauth",
      "sdk src/adapters/slack/app.ts -> discord.js",
      "sdk src/adapters/slack/app.ts -> @prisma/client",
      "sdk src/core/reply.test.ts -> @electric-sql/pglite",
    ]);
  });

  test("should exempt test files from the layer rules and the folder loops they would make", () => {
    const graph: ImportGraph = {
      files: ["src/core/reply.ts", "src/core/reply.test.ts", "src/commands/log.ts"],
      edges: [edge("src/core/reply.test.ts", "src/commands/log.ts"), edge("src/commands/log.ts", "src/core/reply.ts"), edge("src/core/reply.test.ts", "test/support/test-app.ts")],
    };
    expect(checkGraph(graph)).toEqual([]);
  });

  test("should report application code importing from outside src/", () => {
    const graph: ImportGraph = { files: ["src/app.ts"], edges: [edge("src/app.ts", "test/support/test-app.ts")] };
    expect(checkGraph(graph).map(violationKey)).toEqual(["upward src/app.ts -> test/support/test-app.ts"]);
  });

  test("should report process.env read anywhere but src/config.ts and test files", () => {
    const graph: ImportGraph = {
      files: ["src/config.ts", "src/cli.ts", "src/adapters/console/console.ts", "src/cli.test.ts"],
      edges: [],
      envReaders: ["src/config.ts", "src/cli.ts", "src/adapters/console/console.ts", "src/cli.test.ts"],
    };
    expect(checkGraph(graph).map(violationKey)).toEqual(["env src/cli.ts", "env src/adapters/console/console.ts"]);
  });

  test("should report an unresolved relative import and a file in no layer", () => {
    const graph: ImportGraph = {
      files: ["src/core/reply.ts", "src/misc/thing.ts"],
      edges: [{ from: "src/core/reply.ts", specifier: "./gone.js" }],
    };
    expect(checkGraph(graph).map(violationKey)).toEqual(["unlayered src/misc/thing.ts", "unresolved src/core/reply.ts -> ./gone.js"]);
  });
});
