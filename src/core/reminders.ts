/**
 * The morning task list: each member's tasks due today and overdue, sent as the `tasks` kind of
 * personal alerts (src/core/alerts.ts) at the start of their working day, in their zone and
 * language, at most once per local day. `settings reminders on|off` (members.reminders) and
 * `settings alerts tasks on|off` are the same switch.
 */
import type { CalendarDate } from "./dates.js";

/** Local time of the morning task list, in each member's own zone. */
export const REMINDER_TIME = "08:30";

/** Tasks listed in one morning message; the rest are counted with a pointer to `tasks today`. */
export const REMINDER_ITEMS = 15;

export type ReminderTask = { id: number; customerId: number; customerName: string; text: string; dueOn: CalendarDate };
