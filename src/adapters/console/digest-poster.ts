/**
 * The console's side of the digest posting port (src/digests/poster.ts): digests rendered as the
 * console renders replies, to the server's stdout or appended to a file.
 */
import type { Writable } from "node:stream";
import type { DigestPoster } from "../../core/digest-poster.js";
import { PostError } from "../../digests/poster.js";
import { mentionsAsNames } from "../../digests/mention.js";
import { appendToDigestFile, checkDigestFile, FILE_PREFIX, flattenControls } from "../../digests/file-destination.js";
import { renderText } from "./render-text.js";
import { englishOf } from "../../core/i18n/localized-messages.js";

/**
 * Posts digests as console text: "console:stdout" to the given stream, "console:file:<path>"
 * appended to a file. Every post starts with a header line carrying the marker, and the poster
 * remembers markers it wrote in this process (a file poster also reads them back from the file).
 * Files are written only inside `fileDirs` (RAPPORT_DIGEST_FILE_DIRS; none by default). With
 * `tenant` (the console tenant's external id) every other tenant is refused too. Both are checked
 * again on every post: a stored subscription may predate the checks.
 */
export function createConsolePoster(options: { output: Writable; now?: () => Date; fileDirs?: readonly string[]; tenant?: string }): DigestPoster {
  const now = options.now ?? (() => new Date());
  const posted = new Map<string, string>();
  let sequence = 0;
  const fileDirs = options.fileDirs ?? [];
  type Target = { kind: "stdout" } | { kind: "file"; path: string } | { kind: "refused"; reason: string };
  const target = (channelRef: string, tenantExternalId: string): Target => {
    if (options.tenant !== undefined && tenantExternalId !== options.tenant) return { kind: "refused", reason: englishOf("posters.console.onlyConsole") };
    if (channelRef === "console:stdout") return { kind: "stdout" };
    if (channelRef.startsWith(FILE_PREFIX)) {
      const check = checkDigestFile(channelRef.slice(FILE_PREFIX.length), fileDirs);
      return check.ok ? { kind: "file", path: check.path } : { kind: "refused", reason: check.reason };
    }
    return { kind: "refused", reason: englishOf("posters.console.where") };
  };
  return {
    async canPost(channelRef, { tenantExternalId }) {
      const where = target(channelRef, tenantExternalId);
      return where.kind === "refused"
        ? { ok: false, external: false, reason: where.reason }
        : { ok: true, external: false, channelName: channelRef.slice("console:".length) };
    },
    async post(channelRef, reply, { idempotencyMarker, tenantExternalId }) {
      const where = target(channelRef, tenantExternalId);
      if (where.kind === "refused") throw PostError.fatal("channel_refused", englishOf("posters.notPosting", { channel: channelRef, reason: where.reason }));
      const messageId = `console-${now().getTime()}-${++sequence}`;
      // One line per rendered line: a newline inside a stored value must not start a line of its own.
      const text = `--- ${now().toISOString()} ${idempotencyMarker} ${messageId}\n${mentionsAsNames(renderText(flattenControls(reply)))}\n`;
      if (where.kind === "stdout") options.output.write(text);
      else appendToDigestFile(where.path, text);
      // The first copy stays the answer to findPosted (oldest first, as the contract says).
      const key = `${channelRef} ${idempotencyMarker}`;
      if (!posted.has(key)) posted.set(key, messageId);
      return { messageId };
    },
    async postDirect(userRef, reply, { tenantExternalId }) {
      if (options.tenant !== undefined && tenantExternalId !== options.tenant) throw PostError.fatal("channel_refused", englishOf("posters.console.onlyConsole"));
      const messageId = `console-${now().getTime()}-${++sequence}`;
      // The console has one person: a direct message is printed like a digest, addressed to them.
      options.output.write(`--- ${now().toISOString()} ${userRef} ${messageId}\n${mentionsAsNames(renderText(flattenControls(reply)))}\n`);
      return { messageId };
    },
    async findPosted(channelRef, marker) {
      return posted.get(`${channelRef} ${marker}`) ?? null;
    },
    async delete(channelRef) {
      // Text written to a stream or appended to a file cannot be taken back.
      throw PostError.fatal("cannot_delete", englishOf("posters.cannotWithdraw", { channel: channelRef }));
    },
  };
}
