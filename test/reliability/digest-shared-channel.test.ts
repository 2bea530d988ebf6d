/**
 * Issue 12, item 4: shared-channel tokens. Two Slack workspaces with Rapport installed share one
 * Slack Connect channel and each subscribes a digest there; the real scheduler posts through the
 * real Slack poster (Web API client against the Slack fake) with tokens from the real installation
 * store on PostgreSQL. Expected: each digest is posted once, with its own workspace's bot token.
 *
 * Control (the row must be able to fail): the same run with tokens looked up by channel alone, as
 * before the fix, is judged a failure by the same judge.
 */
import { describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { eachWithOwnToken, runSharedChannel, type SharedChannelPost } from "../digests/shared-channel.js";
import { recordResult } from "./results.js";

const postgres = testTargets.find((target) => target.name === "postgres")!;

const describePosts = (posts: SharedChannelPost[]) =>
  posts.map((post) => `${post.teamId}: ${post.tokensSeen.map((token) => (token === post.expectedToken ? "own token" : `${token} (not its own)`)).join(", ") || "not posted"}`).join("; ");

describe("shared-channel tokens", () => {
  test("each workspace's digest in a shared channel is posted with its own bot token", async () => {
    let posts: SharedChannelPost[] = [];
    let failure: unknown;
    try {
      posts = await runSharedChannel(postgres);
    } catch (error) {
      failure = error;
    }
    const held = !failure && eachWithOwnToken(posts);
    recordResult({
      test: "shared-channel tokens",
      injected: "2 Slack workspaces with Rapport installed share 1 Slack Connect channel, one digest each (the other workspace subscribed first); real Slack poster, installation store on PostgreSQL",
      figure: `${posts.filter((post) => post.tokensSeen.length === 1 && post.tokensSeen[0] === post.expectedToken).length} of ${posts.length} digests posted with their own workspace's token (${describePosts(posts)})${failure ? `; FAILED: ${String(failure)}` : ""}`,
      pass: held,
    });
    expect(failure).toBeUndefined();
    expect(held).toBe(true);
  });

  test("control: tokens looked up by channel alone are judged a failure", async () => {
    const posts = await runSharedChannel(postgres, { lookup: "channel-only" });
    expect(eachWithOwnToken(posts)).toBe(false);
  });
});
