/**
 * Export headers are in the reader's language (English keeps the import field names), and import
 * reads the headers of all four languages: a file exported in ko, zh-CN or zh-TW imports back into
 * another workspace with the same data. PGlite; import.test.ts covers both databases in English.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { importFile, summarize } from "../../src/import/import-file.js";
import { createImportSink } from "../../src/data/import-sink.js";
import { planColumns } from "../../src/import/columns.js";
import { exportHeader } from "../../src/export/headers.js";
import { createTranslator, LOCALES, type Locale } from "../../src/core/i18n/index.js";

const pglite = testTargets.find((target) => target.name === "pglite")!;
const dir = mkdtempSync(join(tmpdir(), "rapport-localized-export-"));

const CUSTOMERS = [
  "external_id,name,status,grade,industry,region,city,phone,email,owner,credit_limit,next_follow_up,notes",
  "K-1,한빛상사,active,A,제조,서울,서울,+82 2 555 0101,buy@hanbit.example,Alice Martin,50000.00,2026-12-01,분기별 발주",
  "C-1,上海宏达贸易有限公司,prospect,B,贸易,华东,上海,+86 21 5555 0101,,,,2026-12-03,",
  "T-1,台北精密股份有限公司,dormant,C,電子,北部,台北,,sales@tp.example,Alice Martin,12000.50,,",
].join("\n");

const ORDERS = ["number,customer,ordered_on,status,total", "SO-1,한빛상사,2026-11-02,confirmed,1250.50", "SO-2,上海宏达贸易有限公司,2026-11-03,shipped,300.00"].join("\n");

const EXPECTED_HEADERS: Record<Locale, string[]> = {
  en: ["external_id", "name", "credit_limit", "next_follow_up"],
  "zh-CN": ["外部编号", "客户名称", "信用额度", "下次跟进"],
  "zh-TW": ["外部編號", "客戶名稱", "信用額度", "下次跟進"],
  ko: ["외부 ID", "거래처명", "여신 한도", "다음 후속 연락"],
};

describe("export headers in the reader's language, imported back (pglite)", () => {
  let app: TestApp;
  let workspaces = 0;
  const sink = () => createImportSink(app.database);

  beforeAll(async () => {
    app = await createTestApp(pglite);
  });
  afterAll(async () => app?.drop());

  async function workspace(locale: Locale) {
    const name = `localized-export-${++workspaces}`;
    const admin = app.actor(name, "you", { timeZone: "UTC", locale });
    const { tenant } = await app.rapport.identify(admin);
    await app.rapport.identify(app.actor(name, "alice", { displayName: "Alice Martin", timeZone: "UTC" }));
    return { tenantId: tenant.id, admin };
  }

  function save(name: string, data: Uint8Array | string): string {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  }

  const customers = (tenantId: number) =>
    app.database.prisma.customer.findMany({
      where: { tenantId },
      orderBy: { externalId: "asc" },
      select: { externalId: true, name: true, status: true, grade: true, industry: true, region: true, city: true, phone: true, email: true, creditLimit: true, nextFollowUp: true, notes: true, ownerId: true },
    });
  const orders = (tenantId: number) =>
    app.database.prisma.order.findMany({ where: { tenantId }, orderBy: { number: "asc" }, select: { number: true, orderedOn: true, status: true, total: true, customer: { select: { name: true } } } });
  const ownerNames = async (tenantId: number) => {
    const members = new Map((await app.database.prisma.member.findMany({ where: { tenantId } })).map((member) => [member.id, member.displayName]));
    return (await customers(tenantId)).map((row) => (row.ownerId === null ? null : members.get(row.ownerId)));
  };

  test.each(LOCALES)("customers and orders exported in %s import back unchanged, CSV and XLSX", async (locale) => {
    const source = await workspace(locale);
    expect(await importFile({ sink: sink(), tenantId: source.tenantId, kind: "customers", path: save(`source-${locale}.csv`, CUSTOMERS) })).toMatchObject({ inserted: 3, invalid: 0 });
    expect(await importFile({ sink: sink(), tenantId: source.tenantId, kind: "orders", path: save(`orders-${locale}.csv`, ORDERS) })).toMatchObject({ inserted: 2, invalid: 0 });

    for (const format of ["csv", "xlsx"] as const) {
      const exported = await app.rapport.runText({ actor: source.admin, text: `export customers ${format}` });
      const file = save(`customers-${locale}.${format}`, exported.attachments![0]!.data);
      if (format === "csv") {
        const [header] = parse(Buffer.from(exported.attachments![0]!.data).toString("utf8"), { bom: true, to: 1 }) as string[][];
        expect(header).toEqual(expect.arrayContaining(EXPECTED_HEADERS[locale]));
      }
      const orderFile = save(`orders-${locale}.${format}`, (await app.rapport.runText({ actor: source.admin, text: `export orders ${format}` })).attachments![0]!.data);

      const target = await workspace("en");
      const imported = await importFile({ sink: sink(), tenantId: target.tenantId, kind: "customers", path: file, options: { locale } });
      expect(imported).toMatchObject({ inserted: 3, invalid: 0, ignoredColumns: expect.not.arrayContaining(EXPECTED_HEADERS[locale]) });
      expect(strip(await customers(target.tenantId))).toEqual(strip(await customers(source.tenantId)));
      expect(await ownerNames(target.tenantId)).toEqual(await ownerNames(source.tenantId));

      expect(await importFile({ sink: sink(), tenantId: target.tenantId, kind: "orders", path: orderFile })).toMatchObject({ inserted: 2, invalid: 0 });
      expect(await orders(target.tenantId)).toEqual(await orders(source.tenantId));
    }
  });

  test.each(LOCALES)("every %s export header names one column, and import reads it as that column", (locale) => {
    const columns = ["external_id", "name", "status", "grade", "credit_limit", "next_follow_up", "customer", "number", "ordered_on", "total", "total_cost", "owner", "currency"];
    const headers = columns.map((column) => exportHeader(column, locale));
    expect(new Set(headers).size).toBe(headers.length);
    const customerPlan = planColumns("customers", headers);
    expect([...customerPlan.fieldColumns.entries()].map(([field, index]) => [field, columns[index]])).toEqual(
      expect.arrayContaining([
        ["externalId", "external_id"],
        ["name", "name"],
        ["creditLimit", "credit_limit"],
        ["nextFollowUp", "next_follow_up"],
        ["currency", "currency"],
        ["owner", "owner"],
      ]),
    );
    const orderPlan = planColumns("orders", headers);
    expect(orderPlan.fieldColumns.get("orderedOn")).toBe(columns.indexOf("ordered_on"));
    expect(orderPlan.fieldColumns.get("totalCost")).toBe(columns.indexOf("total_cost"));
  });

  test("import reasons are told in the operator's language", async () => {
    const { tenantId } = await workspace("en");
    const bad = save("bad.csv", "name,email\n한빛상사,not-an-email\n");
    const korean = await importFile({ sink: sink(), tenantId, kind: "customers", path: bad, options: { locale: "ko" } });
    expect(korean.issues.map((issue) => issue.reason)).toEqual(["email “not-an-email”: name@example.com 형식의 이메일 주소가 아닙니다."]);
    expect(summarize(korean, createTranslator("ko"))).toMatch(/^거래처 1행 중 가져온 행이 없습니다: 오류 1행\. 오류를 수정하거나 --skip-invalid 옵션을 사용해 주십시오 \(/);
    expect(summarize(korean, createTranslator("zh-TW"))).toMatch(/^1 筆客戶資料均未匯入：1 筆無效；請修正後重試，或使用 --skip-invalid（/);
    const english = await importFile({ sink: sink(), tenantId, kind: "customers", path: bad });
    expect(english.issues.map((issue) => issue.reason)).toEqual(['email "not-an-email" does not look like name@example.com']);
    expect(summarize(english)).toMatch(/^Nothing imported from 1 customers rows: 1 invalid row; fix them or use --skip-invalid \(/);
  });

  test("reasons found while writing (a customer that does not exist) are told in the operator's language too", async () => {
    const { tenantId } = await workspace("en");
    const orphan = save("orphan-orders.csv", "number,customer,ordered_on,total\nSO-9,Nobody Here,2026-01-10,100\n");
    const korean = await importFile({ sink: sink(), tenantId, kind: "orders", path: orphan, options: { locale: "ko" } });
    expect(korean.issues.map((issue) => issue.reason)).toEqual(["일치하는 거래처가 없습니다: “Nobody Here” (거래처를 먼저 가져오거나 외부 ID 또는 #번호를 사용해 주십시오)"]);
    const chinese = await importFile({ sink: sink(), tenantId, kind: "orders", path: orphan, options: { locale: "zh-CN" } });
    expect(chinese.issues.map((issue) => issue.reason)).toEqual(["没有与“Nobody Here”匹配的客户（请先导入客户，或使用其外部 ID 或 #编号）"]);
  });
});

/** Rows without the owner's id, which differs between workspaces (the owner's name is compared apart). */
function strip<T extends { ownerId: number | null }>(rows: T[]): Omit<T, "ownerId">[] {
  return rows.map(({ ownerId: _ownerId, ...rest }) => rest);
}
