/** The command registry: every surface (console, Slack, Discord) reads this one list. */
import type { CommandDefinition } from "../core/command.js";
import { findCommand } from "./find.js";
import { showCommand } from "./show.js";
import { logCommand } from "./log.js";
import { orderCommand } from "./order.js";
import { ordersCommand } from "./orders.js";
import { followupsCommand } from "./followups.js";
import { followupCommand } from "./followup.js";
import { overdueCommand } from "./overdue.js";
import { newCommand } from "./new.js";
import { editCommand } from "./edit.js";
import { assignCommand } from "./assign.js";
import { roleCommand } from "./role.js";
import { helpCommand } from "./help.js";
import { exportCommand } from "./export.js";
import { statsCommand } from "./stats.js";
import { handoverCommand } from "./handover.js";
import { activityCommand } from "./activity.js";
import { digestCommand } from "./digest.js";
import { settingsCommand } from "./settings.js";

export const commands: readonly CommandDefinition[] = [
  findCommand,
  showCommand,
  logCommand,
  orderCommand,
  ordersCommand,
  followupsCommand,
  followupCommand,
  overdueCommand,
  newCommand,
  editCommand,
  assignCommand,
  roleCommand,
  exportCommand,
  statsCommand,
  handoverCommand,
  activityCommand,
  digestCommand,
  settingsCommand,
  helpCommand,
];
