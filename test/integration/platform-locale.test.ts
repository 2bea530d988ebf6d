/**
 * The platform's language for a person is kept (members.platform_locale) each time they act, so
 * messages sent when they are not asking (alerts) use it; it never overwrites the language the
 * member chose with `settings language`.
 */
import { afterAll, describe, expect, test } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const opened: TestApp[] = [];
afterAll(async () => {
  for (const app of opened) await app.close();
});

const actor = (locale: string | undefined): Actor => ({
  platform: "slack",
  tenantExternalId: "T0LOCALE",
  userExternalId: "U0MEI",
  profile: { displayName: "Mei", timeZone: "Asia/Taipei", ...(locale === undefined ? {} : { locale }) },
});

describe.each(testTargets.filter((target) => target.name === "pglite"))("platform locale on $name", (target) => {
  test("each command keeps the platform's language; a tag without a catalog clears it; an unknown one keeps it", async () => {
    const app = await createTestApp(target);
    opened.push(app);
    const stored = async () => (await app.database.prisma.member.findFirstOrThrow({ where: { externalId: "U0MEI" } })).platformLocale;
    await app.rapport.identify(actor("zh-HK"));
    expect(await stored()).toBe("zh-TW");
    await app.rapport.identify(actor(undefined));
    expect(await stored()).toBe("zh-TW");
    await app.rapport.identify(actor("pt-BR"));
    expect(await stored()).toBeNull();
    await app.rapport.identify(actor("ko-KR"));
    expect(await stored()).toBe("ko");
  });

  test("the member's own choice stays theirs: the platform's language goes to its own column", async () => {
    const app = await createTestApp(target);
    opened.push(app);
    const identity = await app.rapport.identify(actor("ko-KR"));
    await app.database.prisma.member.update({ where: { id: identity.member.id }, data: { locale: "en" } });
    const again = await app.rapport.identify(actor("zh-CN"));
    expect([again.member.locale, again.member.platformLocale, again.locale]).toEqual(["en", "zh-CN", "en"]);
  });
});
