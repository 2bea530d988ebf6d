/**
 * Child process for the crash-durability test: opens the database named by the environment and
 * logs interactions in a loop, printing "ACK <n>" only after each write committed. The parent
 * kills it with SIGKILL at a random moment and checks every acknowledged write survived.
 *
 * CRASH_ACK_BEFORE_COMMIT=1 is the mutation check's broken writer: it acknowledges each write
 * before making it (and waits a little), as a server that answered before committing would.
 */
import { createApp } from "../../src/app.js";
import { silentLogger } from "../../src/core/logger.js";
import type { DatabaseTarget } from "../../src/data/database.js";

const target: DatabaseTarget = process.env.CRASH_DATABASE_URL
  ? { kind: "postgres", url: process.env.CRASH_DATABASE_URL }
  : { kind: "pglite", dataDir: process.env.CRASH_DATA_DIR! };
const run = process.env.CRASH_RUN ?? "0";
const app = await createApp({ target, logger: silentLogger, poolSize: 2 });
const actor = { platform: "console" as const, tenantExternalId: "crash", userExternalId: "writer", profile: { timeZone: "UTC" } };
if (process.env.CRASH_SETUP === "1") {
  await app.rapport.runText({ actor, text: "new CrashCo" });
  await app.close();
  process.stdout.write("READY\n");
  process.exit(0);
}
process.stdout.write("OPEN\n");
const ackFirst = process.env.CRASH_ACK_BEFORE_COMMIT === "1";
for (let n = 0; ; n++) {
  if (ackFirst) {
    process.stdout.write(`ACK ${n}\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const reply = await app.rapport.runText({ actor, text: `log CrashCo note crash-${run}-${n}` });
  if (reply.isError) {
    process.stdout.write(`ERR ${reply.title}\n`);
    process.exit(2);
  }
  if (!ackFirst) process.stdout.write(`ACK ${n}\n`);
}
