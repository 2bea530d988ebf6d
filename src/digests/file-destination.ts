/**
 * `console:file:<path>` destinations: a digest appended to a file on the Rapport server. Only the
 * console tenant may choose one, and only inside a directory the operator listed in
 * RAPPORT_DIGEST_FILE_DIRS; everything else is refused when a subscription is added and again
 * before every write (a row stored before these checks existed must not write either).
 */
import { constants, lstatSync, openSync, realpathSync, writeSync, closeSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { englishOf } from "../core/i18n/localized-messages.js";

export const FILE_PREFIX = "console:file:";

/** Console refs ("console:stdout", "console:file:...") name the server, not a chat channel. */
export function isConsoleRef(channelRef: string): boolean {
  return /^console:/i.test(channelRef.trim());
}

export type FileCheck = { ok: true; path: string } | { ok: false; reason: string };

function inside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

function realDir(dir: string): string | null {
  try {
    return realpathSync(dir);
  } catch {
    return null;
  }
}

/**
 * Where `rawPath` really points, if that is inside one of `allowedDirs`. The parent directory is
 * resolved with realpath (symlinked folders cannot lead out), and an existing file must be a
 * regular file, not a symlink (a link planted in the folder cannot lead out either).
 */
export function checkDigestFile(rawPath: string, allowedDirs: readonly string[]): FileCheck {
  // Reasons are registered English: the digest service says them in the reader's language (localizeMessage).
  const allowed = allowedDirs.length ? englishOf("digests.file.allowed", { dirs: allowedDirs.join(", ") }) : englishOf("digests.file.noneAllowed");
  if (!rawPath || /[\0-\x1f\x7f]/.test(rawPath)) return { ok: false, reason: englishOf("digests.file.notAPath", { path: rawPath, allowed }) };
  const wanted = resolve(rawPath);
  const parent = realDir(dirname(wanted));
  if (!parent) return { ok: false, reason: englishOf("digests.file.noDirectory", { path: wanted, allowed }) };
  const target = join(parent, basename(wanted));
  const roots = allowedDirs.map(realDir).filter((dir): dir is string => dir !== null);
  if (!roots.some((root) => inside(root, target))) return { ok: false, reason: englishOf("digests.file.outside", { path: wanted, allowed }) };
  try {
    if (!lstatSync(target).isFile()) return { ok: false, reason: englishOf("digests.file.notRegular", { path: wanted, allowed }) };
  } catch {
    // Not there yet: the first post creates it.
  }
  return { ok: true, path: target };
}

/**
 * Appends without following a symlink at the last step (O_NOFOLLOW), so a link swapped in after
 * the check still cannot redirect the write.
 */
export function appendToDigestFile(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o640);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * Control characters (line breaks included) in one value become a space: a customer named
 * "Zed Co\n--- forged header" stays on its own line. Applied to every string of a reply before it
 * is rendered as lines, since after rendering a stored newline looks like the renderer's own.
 */
export function flattenControls<T>(value: T): T {
  if (typeof value === "string") return value.replace(/[\0-\x1f\x7f-\x9f\u2028\u2029]/g, " ") as T;
  if (Array.isArray(value)) return value.map((item) => flattenControls(item)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, flattenControls(item)])) as T;
  }
  return value;
}
