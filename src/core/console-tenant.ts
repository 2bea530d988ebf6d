/**
 * The console's workspace: every `rapport console` session, the CLIs' default `--tenant`, and the
 * only tenant whose digests may go to the server's stdout or files.
 */
export const CONSOLE_TENANT = "local";

/** The console's own user (`rapport console` without --as): whoever runs it on the server. */
export const CONSOLE_LOCAL_USER = "you";
