/**
 * The desk a command belongs to: "sales" (orders, receivables, deals, quotes) and "team" (reports,
 * digests, roles, hand-over); none is the customer work. Help lists one table per desk, and Discord,
 * which allows 25 subcommands and 4,000 characters per command, makes each desk a top-level command.
 */
import { CAPABILITY_ROLES, type Capability } from "./permissions.js";
import type { Role } from "./domain.js";

export type CommandTopic = "sales" | "team";

const MANAGING: readonly Role[] = ["manager", "admin"];

/**
 * Whether only managers and admins may run a command at all (`role`, `handover`, `digest`,
 * `merge`): its minimum role is manager or admin, or its capability belongs to those roles only.
 * Discord shows such commands under their own top-level command (`/crm-admin`), which it hides
 * from members without Manage Server; the core checks the role on every run whatever the platform
 * shows (a server may let other members see the command).
 */
export function managersOnly(command: { role?: Role | undefined; capability?: Capability | undefined }): boolean {
  if (command.role && MANAGING.includes(command.role)) return true;
  if (!command.capability) return false;
  return (CAPABILITY_ROLES[command.capability] as readonly Role[]).every((role) => MANAGING.includes(role));
}
