/**
 * `settings` and the reply language on real databases: the member's choice, the platform's
 * locale, the workspace default and RAPPORT_LOCALE, in that order; time zones chosen by the member
 * survive the platform's; the workspace currency changes without rescaling stored amounts.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";

describe.each(testTargets)("settings and languages on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let tenantId: number;
  const title = async (actor: Actor, text: string) => (await app.rapport.runText({ actor, text })).title;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-l", "you");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  test("GIVEN no language anywhere THEN English, and settings shows the defaults", async () => {
    const rep = app.actor("team-l", "dana");
    expect(await title(rep, "help")).toBe("Rapport commands");
    const text = await app.text(rep, "settings");
    expect(text).toContain("Your language");
    expect(text).toContain("English (from your chat app)");
    expect(text).toContain("USD");
  });

  test("GIVEN the platform says zh-CN THEN Simplified Chinese; GIVEN settings language ko THEN Korean wins over the platform", async () => {
    const chen = app.actor("team-l", "chen", { timeZone: "Asia/Shanghai", locale: "zh-CN" });
    expect(await title(chen, "help")).toBe("Rapport 命令");
    const set = await app.rapport.runText({ actor: chen, text: "settings language ko" });
    expect(set).toMatchObject({ title: "언어 설정을 변경했습니다: 한국어", locale: "ko" });
    expect(await title(chen, "help")).toBe("Rapport 명령어");
    expect(await title(chen, "nonsense")).toBe("“nonsense” 명령어는 없습니다. 명령어 목록은 도움말 명령어로 확인할 수 있습니다.");
    const audit = await app.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "member.settings" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ entity: "member", before: { locale: null }, after: { locale: "ko" } });
    await app.rapport.runText({ actor: chen, text: "settings language auto" });
    expect(await title(chen, "help")).toBe("Rapport 命令");
  });

  test("GIVEN a workspace language THEN members without a language of their own or from the platform read it", async () => {
    const rep = app.actor("team-l", "erin");
    const denied = await app.rapport.runText({ actor: rep, text: "settings workspace language ko" });
    expect(denied).toMatchObject({ isError: true, code: "permission_denied" });
    expect(denied.title).toBe("Only admins can change the workspace settings. The console's own user is its admin.");

    // Said in the language the admin read the command in; the admin, with no language of their own, reads zh-TW from then on.
    expect(await title(admin, "settings workspace language zh-TW")).toBe("The workspace language is now 繁體中文. Members who chose their own language keep it.");
    try {
      expect(await title(rep, "help")).toBe("Rapport 指令");
      // The platform's locale still comes before the workspace's.
      expect(await title(app.actor("team-l", "frank", { locale: "en-US" }), "help")).toBe("Rapport commands");
    } finally {
      expect(await title(admin, "settings workspace language auto")).toBe("工作區語言將依照平台和伺服器的預設設定。");
    }
    expect(await title(rep, "help")).toBe("Rapport commands");
  });

  test("GIVEN settings timezone THEN the member's zone survives the platform's and sets their today", async () => {
    const kim = app.actor("team-l", "kim", { timeZone: "UTC" });
    expect(await title(kim, "settings timezone asia/seoul")).toBe("Your time zone is now Asia/Seoul.");
    await app.rapport.runText({ actor: kim, text: "help" });
    const member = await app.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "kim" } });
    expect(member).toMatchObject({ timeZone: "Asia/Seoul", timeZoneChosen: true });
    expect(await app.text(kim, "settings")).toContain("Asia/Seoul (your choice)");
    expect(await title(kim, "settings timezone Mars/Olympus")).toBe(
      "\"Mars/Olympus\" is not a time zone. Use an IANA name such as Asia/Shanghai, Asia/Taipei or Asia/Seoul.",
    );
    expect(await title(kim, "settings timezone auto")).toBe("Your time zone now follows your chat app: Asia/Seoul.");
    await app.rapport.runText({ actor: kim, text: "help" });
    expect(await app.database.prisma.member.findFirstOrThrow({ where: { tenantId, externalId: "kim" } })).toMatchObject({ timeZone: "UTC", timeZoneChosen: false });
  });

  test("GIVEN settings workspace currency KRW THEN the code changes, stored amounts do not, and it is audited", async () => {
    const before = await app.database.prisma.customer.findMany({ where: { tenantId }, select: { id: true, creditLimit: true }, orderBy: { id: "asc" } });
    expect(await title(admin, "settings workspace currency krw")).toBe(
      "New amounts in this workspace are now in KRW (was USD). Amounts already stored keep their own currency and are not converted.",
    );
    expect(await app.database.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).toMatchObject({ currency: "KRW" });
    expect(await app.database.prisma.customer.findMany({ where: { tenantId }, select: { id: true, creditLimit: true }, orderBy: { id: "asc" } })).toEqual(before);
    const audit = await app.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "workspace.settings" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ entity: "tenant", before: { currency: "USD" }, after: { currency: "KRW" } });
    expect(await title(admin, "settings workspace currency XYZ")).toBe("\"XYZ\" is not an ISO 4217 currency code. For example: CNY, TWD, KRW, USD.");
    expect(await title(admin, "settings currency KRW")).toBe("The currency is a workspace setting. An admin changes it with: settings workspace currency KRW");
    await app.rapport.runText({ actor: admin, text: "settings workspace currency USD" });
  });

  test("GIVEN an unknown language THEN the error lists the four", async () => {
    expect(await title(admin, "settings language fr")).toBe("\"fr\" is not a language Rapport speaks. Choose en, zh-CN, zh-TW or ko.");
  });
});
