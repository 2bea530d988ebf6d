import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveMember } from "../core/resolve.js";
import { ROLES } from "../core/domain.js";
import { UserError } from "../core/errors.js";
import { assertRoleAllowed } from "../core/permissions.js";
import { memberReference } from "./shared/arguments.js";

export const roleCommand = defineCommand({
  name: "role",
  summary: "Set a member's role; also reopens the access of a member closed at a hand-over (admins only)",
  usage: "role <member> <admin|manager|finance|assistant|rep>",
  examples: ["role @alice manager", "role @dana finance", "role @bob rep"],
  options: {
    member: { kind: "member", description: "The member", required: true, typed: "rest", schema: memberReference },
    role: { kind: "choice", description: "The new role", required: true, choices: ROLES },
  },
  topic: "team",
  writes: true,
  role: "admin",
  async handler(args, ctx) {
    const target = await resolveMember(ctx, args.member, { includeInactive: true });
    if (target.id === ctx.member.id && args.role !== "admin") {
      throw new UserError("last_admin", ctx.t("role.lastAdmin"));
    }
    assertRoleAllowed(target, args.role, ctx.t);
    const { before, after } = await ctx.store.members.update(target.id, { role: args.role, active: true });
    await ctx.store.audit.record(ctx.member.id, { action: "member.role", entity: "member", entityId: target.id, before: { role: before.role, active: before.active }, after: { role: after.role, active: after.active } });
    const role = ctx.t(`choice.${args.role}`);
    return reply.text(
      ctx.t("role.title", { member: target.displayName, role }),
      ctx.t("role.text", { member: target.displayName, role, previous: ctx.t(`choice.${before.role}`), reopened: before.active ? "no" : "yes" }),
    );
  },
});
