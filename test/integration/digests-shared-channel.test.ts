/**
 * Slack Connect token mix-up (issue 12, item 4): two workspaces with Rapport installed share one
 * channel; each workspace's digest must be posted with its own installation's bot token.
 */
import { describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { runSharedChannel } from "../digests/shared-channel.js";

describe.each(testTargets)("digests in a channel shared by two workspaces, on $name", (target) => {
  test("each workspace's digest is posted once, with that workspace's bot token", async () => {
    const posts = await runSharedChannel(target);
    expect(posts).toEqual([
      { teamId: "T0TEAMB", expectedToken: "xoxb-team-b", tokensSeen: ["xoxb-team-b"] },
      { teamId: "T0TEAMA", expectedToken: "xoxb-team-a", tokensSeen: ["xoxb-team-a"] },
    ]);
  });
});
