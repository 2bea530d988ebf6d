/**
 * Members this process already knows to have been asked (or to need no asking), so their later
 * commands cost no database call. Bounded: the oldest are forgotten first, and the database still
 * remembers them.
 */
export class SettledMembers {
  private readonly members = new Set<string>();

  constructor(private readonly max = 50_000) {}

  has(guildId: string, userId: string): boolean {
    return this.members.has(`${guildId}:${userId}`);
  }

  add(guildId: string, userId: string): void {
    this.members.add(`${guildId}:${userId}`);
    if (this.members.size > this.max) this.members.delete(this.members.values().next().value!);
  }
}
