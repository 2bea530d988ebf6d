/** The surfaces every contract suite runs through, each started on the real core. */
import { startConsoleDriver } from "./drivers/console.js";
import { startDiscordDriver } from "./drivers/discord.js";
import { startSlackDriver } from "./drivers/slack.js";
import type { Driver, SurfaceName } from "./surface.js";

export const SURFACES: { surface: SurfaceName; start: () => Promise<Driver> }[] = [
  { surface: "console", start: startConsoleDriver },
  { surface: "slack", start: startSlackDriver },
  { surface: "discord", start: startDiscordDriver },
];
