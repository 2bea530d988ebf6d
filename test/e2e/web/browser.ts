/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the record-page
 * tests: a fresh user-data directory per launch, no network of its own beyond loopback.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = process.env.RAPPORT_TEST_CHROMIUM ?? "/usr/bin/chromium";

export type TestBrowser = { context: BrowserContext; close(): Promise<void> };

export async function launchBrowser(options: { locale?: string } = {}): Promise<TestBrowser> {
  const dir = mkdtempSync(join(tmpdir(), "rapport-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? "en-US",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
