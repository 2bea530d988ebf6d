/**
 * Contact-person demo data: messenger handles (WeChat, KakaoTalk, LINE) on a few contacts, a
 * second contact at Hongda, and one near-duplicate customer pair (远航物流 entered twice, once
 * with its legal form and once without, by two reps) for `new`'s warning and `merge`.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import { buildSearchKeys } from "../../core/text/search-keys.js";

const HANDLES: { customer: string; contact: string; data: { wechat?: string; kakao?: string; line?: string } }[] = [
  { customer: "hongda", contact: "王伟", data: { wechat: "wangwei_hongda" } },
  { customer: "samsung", contact: "김민준", data: { kakao: "mj.kim0501" } },
  { customer: "htc", contact: "林志明", data: { line: "lin.zhiming" } },
];

const EXTRA_CONTACTS: { customer: string; contact: { name: string; title: string; phone?: string; email?: string; wechat?: string } }[] = [
  { customer: "hongda", contact: { name: "李娜", title: "财务主管", phone: "021-6258-3371", email: "lina@hongda.example", wechat: "lina_finance" } },
];

/** The pair: same company, one typed with its legal form and one without; the second has no orders. */
type DemoPairCustomer = {
  name: string;
  owner: string;
  status: string;
  city: string;
  region: string;
  phone: string;
  contacts: { name: string; title: string; phone?: string; wechat?: string }[];
};

const DUPLICATE_PAIR: DemoPairCustomer[] = [
  { name: "北京远航物流有限公司", owner: "chen", status: "active", city: "北京", region: "北京", phone: "+86 10 6555 0700", contacts: [{ name: "赵强", title: "物流经理", phone: "+86 139 1000 0701" }] },
  { name: "远航物流", owner: "minji", status: "prospect", city: "北京", region: "北京", phone: "010-6555-0700", contacts: [{ name: "赵强", title: "经理", wechat: "zhaoqiang_yh" }] },
];

export async function loadDemoContacts(
  tx: Prisma.TransactionClient,
  tenantId: number,
  customerIds: ReadonlyMap<string, number>,
  memberIds: ReadonlyMap<string, number>,
  label: string,
): Promise<void> {
  for (const { customer, contact, data } of HANDLES) {
    const customerId = customerIds.get(customer);
    if (customerId !== undefined) await tx.contact.updateMany({ where: { tenantId, customerId, name: contact }, data });
  }
  const touched = new Set<number>();
  for (const { customer, contact } of EXTRA_CONTACTS) {
    const customerId = customerIds.get(customer);
    if (customerId === undefined) continue;
    await tx.contact.create({ data: { tenantId, customerId, ...contact } });
    touched.add(customerId);
  }
  for (const customerId of touched) {
    const row = await tx.customer.findFirstOrThrow({ where: { tenantId, id: customerId }, include: { contacts: { where: { removedAt: null } } } });
    await tx.customer.update({ where: { id: customerId }, data: buildSearchKeys(row) });
  }
  for (const { owner, contacts, ...fields } of DUPLICATE_PAIR) {
    await tx.customer.create({
      data: {
        tenantId,
        ...fields,
        industry: "Logistics",
        source: label,
        ownerId: memberIds.get(owner) ?? null,
        notes: "Demo data: safe to change or delete.",
        contacts: { create: contacts.map((contact, index) => ({ tenantId, ...contact, isPrimary: index === 0 })) },
        ...buildSearchKeys({ ...fields, aliases: [], contacts }),
      },
    });
  }
}
