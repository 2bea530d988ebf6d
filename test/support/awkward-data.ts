/** A data set for copy, backup and restore tests: the demo book plus values that are easy to get wrong. */
import type { Database } from "../../src/data/database.js";
import { loadDemoData } from "../../src/data/seed/demo.js";

/** Demo data plus the values a copy gets wrong most easily: money past 2^53, jsonb, CJK, arrays, NULLs. */
export async function seedAwkwardData(database: Database): Promise<number> {
  const tenant = await database.prisma.tenant.create({ data: { platform: "console", externalId: "local", name: "Local", timeZone: "Asia/Shanghai" } });
  await loadDemoData(database.prisma, tenant.id, "2026-11-23");
  await database.transaction(async (sql) => {
    await sql.query(
      `INSERT INTO customers (tenant_id, name, aliases, credit_limit, phone, updated_at) VALUES ($1, '上海宏达贸易有限公司 "引号" \\ 😀', ARRAY['宏達','홍다'], 9007199254740993, NULL, now())`,
      [tenant.id],
    );
    await sql.query(`INSERT INTO audit_events (tenant_id, action, entity, after, at) VALUES ($1, 'customer.update', 'customer', $2::jsonb, '2026-11-27 13:45:01.123456+08')`, [
      tenant.id,
      // Written as text: a JavaScript number would already have lost the last digits.
      '{"name": "주식회사 한빛", "amounts": [1, 2.5, 12345678901234567890], "nested": {"ok": true, "none": null}}',
    ]);
    // A deleted row leaves the sequence ahead of the highest id: the copy must not hand that id out again.
    await sql.query(`INSERT INTO audit_events (tenant_id, action, entity) VALUES ($1, 'scratch', 'customer')`, [tenant.id]);
    await sql.query(`DELETE FROM audit_events WHERE action = 'scratch'`);
  });
  return tenant.id;
}
