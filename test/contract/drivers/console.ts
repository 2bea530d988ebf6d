/** The console adapter (runConsole) over the real core: one session per persona, lines in, text out. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { consoleActor, runConsole } from "../../../src/adapters/console/console.js";
import { instrumentCore } from "../../support/instrumented-core.js";
import { codeOf, startDemoApp } from "../demo-app.js";
import { findButton, plain, type Driver, type Observation, type Persona } from "../surface.js";

/** A member who is not in the demo data arrives as a rep. */
const HANDLES: Record<Persona, string> = { admin: "you", rep: "casey" };

type Session = { input: PassThrough; writes: string[]; waiters: (() => void)[]; done: Promise<void> };

export async function startConsoleDriver(): Promise<Driver> {
  const admin = consoleActor(HANDLES.admin, "UTC");
  const { app, tenantId } = await startDemoApp(admin);
  const core = instrumentCore(app.rapport);
  const outputDir = mkdtempSync(join(tmpdir(), "rapport-contract-"));

  const sessions = new Map<Persona, Session>();
  const sessionOf = (as: Persona): Session => {
    const existing = sessions.get(as);
    if (existing) return existing;
    const input = new PassThrough();
    const writes: string[] = [];
    const waiters: (() => void)[] = [];
    const output = new Writable({
      write(chunk, _encoding, callback) {
        writes.push(String(chunk));
        for (const wake of waiters.splice(0)) wake();
        callback();
      },
    });
    const done = runConsole({ api: core, actor: consoleActor(HANDLES[as], "UTC"), input, output, interactive: false, outputDir });
    const session = { input, writes, waiters, done };
    sessions.set(as, session);
    return session;
  };

  async function typeLine(as: Persona, line: string): Promise<Observation> {
    const session = sessionOf(as);
    const start = session.writes.length;
    session.input.write(`${line}\n`);
    // runConsole writes "> line", the reply, one "Saved <path>" per file (in the reader's language), then an empty line.
    while (session.writes.slice(start + 2).indexOf("\n") < 0) {
      await new Promise<void>((resolve) => session.waiters.push(resolve));
    }
    const written = session.writes.slice(start);
    const rendered = written[1]!.replace(/\n$/, "");
    const saved = written.slice(2, written.indexOf("\n", 2)).map((entry) => entry.slice(entry.indexOf(outputDir)).trim());
    const lines = rendered.split("\n");
    const hints = lines
      .map((entry) => /^\s*\[(.*)\]$/.exec(entry)?.[1])
      .filter((entry): entry is string => entry !== undefined)
      .flatMap((entry) => entry.split("]  ["))
      .map((hint) => ({ label: hint.slice(0, Math.max(0, hint.indexOf(": "))) || hint, typed: hint.slice(hint.indexOf(": ") + 2) }));
    return {
      title: undefined,
      text: plain(rendered),
      buttons: hints.map((hint) => hint.label),
      ephemeral: undefined,
      error: lines.some((entry) => entry.startsWith("! ")),
      code: codeOf(core.replies.at(-1)),
      files: saved.map((path) => ({ name: basename(path), bytes: readFileSync(path) })),
      press: async (label) => {
        const hint = findButton(hints, label);
        if (hint.typed.endsWith("…")) throw new Error(`"${hint.label}" opens a form, which the console shows as a command to complete`);
        return typeLine(as, hint.typed);
      },
    };
  }

  return {
    surface: "console",
    prisma: app.database.prisma,
    tenantId,
    send: (as, command) => typeLine(as, command.line),
    async stop() {
      for (const session of sessions.values()) {
        session.input.end();
        await session.done;
      }
      await app.close();
      rmSync(outputDir, { recursive: true, force: true });
    },
  };
}
