import { describe, expect, test } from "vitest";
import type { CustomerHit, Order } from "./domain.js";
import { customersInMessage, extractMessageCandidates, lookupQueries, MAX_NAME_LOOKUPS, MAX_ORDER_LOOKUPS, orderLookups } from "./message-lookup.js";
import type { Store } from "./store.js";

describe("extractMessageCandidates", () => {
  test.each([
    ["English names, greeting and sentence words left out", "Hi team, Acme Corp called; Jane Doe wants 200 more", ["Acme Corp", "Jane Doe"]],
    ["a sentence-opening single word comes last", "Talked to Wonka Industries today", ["Wonka Industries"]],
    ["names with & and accents", "Müller GmbH and Globex & Co both asked", ["Müller GmbH", "Globex & Co"]],
    ["quoted names first", 'They said "acme corp" is fine', ["acme corp"]],
    ["Simplified Chinese: sales words and particles cut out", "请问上海宏达的订单发货了吗", ["上海宏达"]],
    ["Chinese person names split by the segmenter stay whole", "和陈伟确认了报价", ["陈伟"]],
    ["Traditional Chinese", "台灣宏達電子的林志明說下週五付款", ["台灣宏達電子", "林志明"]],
    ["Korean: particles and honorifics stripped, predicates and titles skipped", "삼성전자에서 김민준 과장님께 견적서 보냈습니다", ["삼성전자", "김민준"]],
    ["Korean with 님", "이서연님이 현대상사 주문을 확인했어요", ["이서연", "현대상사"]],
    ["nothing name-like", "thanks, will do", []],
  ])("phrases: %s", (_name, text, phrases) => {
    expect(extractMessageCandidates(text).phrases).toEqual(phrases);
  });

  test.each([
    ["international with parentheses", "call +1 (617) 555-0100 today", ["+1 (617) 555-0100"]],
    ["international, spaced", "王伟 +86 138 0000 0301", ["+86 138 0000 0301"]],
    ["Korean mobile, local form", "연락처 010-5555-0501", ["010-5555-0501"]],
    ["local landline", "office 02-555-0102", ["02-555-0102"]],
    ["a date is not a phone", "ship by 2026-12-01", []],
    ["short numbers are not phones", "200 units at 12.50", []],
  ])("phones: %s", (_name, text, phones) => {
    expect(extractMessageCandidates(text).phones).toEqual(phones);
  });

  test("emails, also inside Slack's mailto markup, in lower case", () => {
    expect(extractMessageCandidates("write <mailto:Jane.Doe@Acme.example|Jane.Doe@Acme.example> or info@globex.example").emails).toEqual([
      "jane.doe@acme.example",
      "info@globex.example",
    ]);
  });

  test.each([
    ["SO numbers in any case, once each", "SO-1042, so-1043 and SO-1042 again", ["SO-1042", "SO-1043"], []],
    ["attached and full-width", "SO1044 and ＳＯ－１０４５", ["SO-1044", "SO-1045"], []],
    ["order words in four languages", "order #1046, 订单1047, 訂單 1048, 주문번호 1049", ["SO-1046", "SO-1047", "SO-1048", "SO-1049"], []],
    ["'so 50 units' is no order", "so 50 units please", [], []],
    ["other numbering only as a possibility; invoices and quotes never", "PO-2024-0031, WID-100, INV-5001, QT-2001", [], ["PO-2024-0031", "WID-100"]],
  ])("orders: %s", (_name, text, orderNumbers, otherNumbers) => {
    const candidates = extractMessageCandidates(text);
    expect(candidates.orderNumbers).toEqual(orderNumbers);
    expect(candidates.otherNumbers).toEqual(otherNumbers);
  });

  test("mentions, channels, emoji and links are not read as names", () => {
    const candidates = extractMessageCandidates("<@U0PAT> see <#C0SALES|sales> <:party:123> https://Example.com/Acme <https://x.example|Globex>");
    expect(candidates.phrases).toEqual(["Globex"]);
    expect(candidates.phones).toEqual([]);
  });

  test("an order number is not also read as a phone or a name", () => {
    expect(extractMessageCandidates("SO-1042")).toEqual({ orderNumbers: ["SO-1042"], otherNumbers: [], emails: [], phones: [], phrases: [] });
  });

  test("a long message costs at most MAX_NAME_LOOKUPS searches and MAX_ORDER_LOOKUPS order reads", () => {
    const names = Array.from({ length: 40 }, (_, i) => `Company${String.fromCharCode(65 + (i % 26))}${i} Ltd`).join(", ");
    const orders = Array.from({ length: 20 }, (_, i) => `SO-${2000 + i}`).join(" ");
    const candidates = extractMessageCandidates(`${names} ${orders} a@b.example +1 617 555 0100`);
    expect(candidates.phrases.length).toBeGreaterThan(MAX_NAME_LOOKUPS);
    expect(lookupQueries(candidates)).toHaveLength(MAX_NAME_LOOKUPS);
    expect(lookupQueries(candidates).slice(0, 2)).toEqual(["a@b.example", "+1 617 555 0100"]);
    expect(orderLookups(candidates)).toHaveLength(MAX_ORDER_LOOKUPS);
  });
});

describe("customersInMessage", () => {
  const hit = (id: number, name: string, score: number): CustomerHit => ({ id, name, status: "active", city: null, ownerName: null, score });

  function fakeStore(results: Record<string, CustomerHit[]>, orders: Record<string, number> = {}) {
    const searched: string[] = [];
    const store = {
      customers: {
        async search(query: string) {
          searched.push(query);
          return results[query] ?? [];
        },
        async get(id: number) {
          return { id, name: `Customer ${id}`, status: "active", city: null, ownerId: null, archivedAt: null };
        },
      },
      orders: {
        async getByNumber(number: string) {
          return number in orders ? ({ number, customerId: orders[number] } as unknown as Order) : null;
        },
      },
      members: { get: async () => null },
    } as unknown as Store;
    return { store, searched };
  }

  test("GIVEN weak and strong evidence THEN order numbers, emails and repeated matches rank first; typo-level hits are dropped", async () => {
    const { store, searched } = fakeStore(
      {
        "jane@acme.example": [hit(1, "Acme Corp", 0.7)],
        Acme: [hit(1, "Acme Corp", 0.9), hit(2, "Acme Tools", 0.9)],
        Globex: [hit(3, "Globex", 1), hit(4, "Globe Inc", 0.45)],
      },
      { "SO-1042": 9 },
    );
    const matches = await customersInMessage(store, extractMessageCandidates("Globex and Acme: SO-1042, mail jane@acme.example"));
    expect(matches.map(({ hit }) => hit.id)).toEqual([1, 9, 3, 2]);
    expect(matches[0]!.matchedBy).toEqual(["jane@acme.example", "Acme"]);
    expect(searched).toEqual(["jane@acme.example", "Acme", "Globex"]);
  });

  test("GIVEN nothing matches THEN no customers", async () => {
    const { store } = fakeStore({});
    expect(await customersInMessage(store, extractMessageCandidates("Wonka Industries called"))).toEqual([]);
  });
});
