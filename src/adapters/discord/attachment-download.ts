/**
 * Downloading the files of a message the bot posted, so that Share can upload them again.
 *
 * Not discord.js's own URL resolver (`files: [url]`): it fetches with no deadline and no size cap,
 * inside the interaction callback (so a slow CDN costs the 3 s deadline), and uploads whatever came
 * back, an error page included. Here:
 * - only Discord's CDN hosts, or the configured REST origin (a proxy or a local fake), are fetched;
 * - the caller's signal bounds the time (a deadline for the whole share);
 * - the size cap is checked against Content-Length and again while reading;
 * - anything but a 2xx is a failure, never a file.
 */

/** Where Discord serves attachments (`url` on cdn.discordapp.com, `proxy_url` on media.discordapp.net). */
export const DISCORD_CDN_HOSTS: readonly string[] = ["cdn.discordapp.com", "media.discordapp.net"];

export type DownloadFailure = "too-large" | "unavailable" | "timeout" | "untrusted";

export type DownloadResult = { ok: true; data: Buffer } | { ok: false; reason: DownloadFailure; detail?: string };

export type DownloadOptions = {
  maxBytes: number;
  signal: AbortSignal;
  /** Origins trusted besides Discord's CDN, e.g. `new URL(config.apiUrl).origin`. */
  trustedOrigins: readonly string[];
  fetchImpl?: typeof fetch;
};

export function isTrustedAttachmentUrl(url: string, trustedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === "https:" && DISCORD_CDN_HOSTS.includes(parsed.hostname)) return true;
  return trustedOrigins.includes(parsed.origin);
}

export async function downloadAttachment(url: string, options: DownloadOptions): Promise<DownloadResult> {
  if (!isTrustedAttachmentUrl(url, options.trustedOrigins)) return { ok: false, reason: "untrusted" };
  const fetchImpl = options.fetchImpl ?? fetch;
  try {
    const response = await fetchImpl(url, { signal: options.signal });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: "unavailable", detail: `HTTP ${response.status}` };
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return { ok: false, reason: "too-large" };
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
    return { ok: true, data: Buffer.concat(chunks, total) };
  } catch (error) {
    if (options.signal.aborted) return { ok: false, reason: "timeout" };
    return { ok: false, reason: "unavailable", detail: error instanceof Error ? error.message : String(error) };
  }
}
