/** The command registry: every surface (console, Slack, Discord) reads this one list. */
import type { CommandDefinition } from "../core/command.js";
import { findCommand } from "./find.js";
import { showCommand } from "./show.js";
import { logCommand } from "./log.js";
import { orderCommand } from "./order.js";
import { shipCommand } from "./ship.js";
import { invoiceCommand } from "./invoice.js";
import { quoteCommand } from "./quote.js";
import { ordersCommand } from "./orders.js";
import { followupsCommand } from "./followups.js";
import { followupCommand } from "./followup.js";
import { taskCommand } from "./task.js";
import { tasksCommand } from "./tasks.js";
import { overdueCommand } from "./overdue.js";
import { newCommand } from "./new.js";
import { editCommand } from "./edit.js";
import { contactCommand } from "./contact.js";
import { contactsCommand } from "./contacts.js";
import { mergeCommand } from "./merge.js";
import { archiveCommand } from "./archive.js";
import { assignCommand } from "./assign.js";
import { roleCommand } from "./role.js";
import { helpCommand } from "./help.js";
import { exportCommand } from "./export.js";
import { statsCommand } from "./stats.js";
import { handoverCommand } from "./handover.js";
import { activityCommand } from "./activity.js";
import { digestCommand } from "./digest.js";
import { settingsCommand } from "./settings.js";
import { payCommand } from "./pay.js";
import { writeoffCommand } from "./writeoff.js";
import { dunningCommand } from "./dunning.js";
import { dealCommand } from "./deal.js";
import { dealsCommand } from "./deals.js";
import { forecastCommand } from "./forecast.js";
import { syncCommand } from "./sync.js";

export const commands: readonly CommandDefinition[] = [
  findCommand,
  showCommand,
  logCommand,
  orderCommand,
  shipCommand,
  invoiceCommand,
  quoteCommand,
  dealCommand,
  dealsCommand,
  forecastCommand,
  ordersCommand,
  followupsCommand,
  followupCommand,
  taskCommand,
  tasksCommand,
  overdueCommand,
  payCommand,
  writeoffCommand,
  dunningCommand,
  newCommand,
  editCommand,
  contactCommand,
  contactsCommand,
  mergeCommand,
  archiveCommand,
  assignCommand,
  roleCommand,
  exportCommand,
  statsCommand,
  handoverCommand,
  syncCommand,
  activityCommand,
  digestCommand,
  settingsCommand,
  helpCommand,
];
