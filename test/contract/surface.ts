/**
 * What the contract suite sees of a surface: a command goes in through the real adapter, and what a
 * person would see comes back as one neutral Observation, whichever platform rendered it.
 */
import type { PrismaClient } from "@prisma/client";

export type SurfaceName = "console" | "slack" | "discord";

/** Who sends: the workspace's admin, or a plain member (a rep). */
export type Persona = "admin" | "rep";

/** One command as each surface takes it: a typed line (console, Slack) and structured options (Discord). */
export type Command = { line: string; command: string; options?: Record<string, string | number> };

export type SeenFile = { name: string; bytes: Uint8Array };

export type Observation = {
  /** The reply's headline as the surface shows it; undefined where it shows the blocks' own headings instead (the console). */
  title: string | undefined;
  /** Everything a person reads, markup and escaping removed, whitespace collapsed. */
  text: string;
  /** The labels of the buttons offered (the console shows them as bracketed hints). */
  buttons: string[];
  /** Only the sender sees it; undefined where the surface has no such notion (the console). */
  ephemeral: boolean | undefined;
  /** Shown as an error (Slack :x:, Discord's red embed, the console's "!" line). */
  error: boolean;
  /** The error code the core gave the reply, where it gives one. */
  code: string | undefined;
  files: SeenFile[];
  /** Presses the first button whose label contains `label`, as the same person, and observes the answer. */
  press(label: string): Promise<Observation>;
};

export type Driver = {
  readonly surface: SurfaceName;
  send(as: Persona, command: Command): Promise<Observation>;
  /** The workspace's database and tenant, to count what a command wrote. */
  readonly prisma: PrismaClient;
  readonly tenantId: number;
  stop(): Promise<void>;
};

/** Plain text from rendered markup: entities decoded, markdown emphasis and escapes dropped, whitespace collapsed. */
export function plain(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/:x: |:warning: /g, "")
    .replace(/\\([\\`*_~|<>[\]()#@:-])/g, "$1")
    .replace(/\*\*|__|\*/g, "")
    .replace(/[\u200B\u200C\u200D\uFEFF]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function findButton<T extends { label: string }>(buttons: readonly T[], label: string): T {
  const found = buttons.find((button) => button.label.includes(label));
  if (!found) throw new Error(`no button "${label}" among ${JSON.stringify(buttons.map((button) => button.label))}`);
  return found;
}
