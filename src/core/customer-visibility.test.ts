import { describe, expect, test } from "vitest";
import { assertMayListOwner, assertMayReadCustomer, customerSearchScope, mayReadCustomer, readsEveryCustomer, withinScope } from "./customer-visibility.js";
import type { CustomerVisibility, Role } from "./domain.js";
import { PermissionDenied } from "./errors.js";
import { createTranslator } from "./i18n/index.js";

const ME = 7;
const COLLEAGUE = 8;
const t = createTranslator("en");

function reader(visibility: CustomerVisibility | undefined, role: Role, guest = false) {
  return { tenant: { customerVisibility: visibility }, member: { id: ME, role, guest }, t };
}

describe("mayReadCustomer", () => {
  test.each([
    // visibility, role, guest, owner, readable
    ["all", "rep", false, COLLEAGUE, true],
    [undefined, "rep", false, COLLEAGUE, true],
    ["own", "rep", false, ME, true],
    ["own", "rep", false, null, true],
    ["own", "rep", false, COLLEAGUE, false],
    ["own", "rep", true, COLLEAGUE, false],
    ["own", "manager", false, COLLEAGUE, true],
    ["own", "admin", false, COLLEAGUE, true],
    ["own", "assistant", false, COLLEAGUE, true],
    ["own", "finance", false, COLLEAGUE, true],
  ] as const)("GIVEN visibility %s, a %s (guest %s) and a customer owned by %s THEN readable is %s", (visibility, role, guest, ownerId, readable) => {
    expect(mayReadCustomer(reader(visibility, role, guest), { ownerId })).toBe(readable);
  });

  test("a guest is held to the rep's rule even if stored with another role", () => {
    expect(readsEveryCustomer(reader("own", "manager", true))).toBe(false);
  });
});

describe("customerSearchScope", () => {
  test("GIVEN own and a rep THEN search is limited to the rep's and unowned customers", () => {
    const scope = customerSearchScope(reader("own", "rep"));
    expect(scope).toEqual({ visibleTo: { memberId: ME } });
    expect([ME, null, COLLEAGUE].map((ownerId) => withinScope(scope, { ownerId }))).toEqual([true, true, false]);
  });

  test.each([["all", "rep"], ["own", "manager"], ["own", "finance"]] as const)("GIVEN %s and a %s THEN search is not limited", (visibility, role) => {
    expect(customerSearchScope(reader(visibility, role))).toEqual({});
  });
});

describe("refusals", () => {
  test("a hidden customer is refused naming only what was typed", () => {
    const refuse = () => assertMayReadCustomer(reader("own", "rep"), { ownerId: COLLEAGUE }, "#12");
    expect(refuse).toThrow(PermissionDenied);
    expect(refuse).toThrow(/^#12 belongs to another rep/);
  });

  test.each([
    ["own", "rep", null, false],
    ["own", "rep", COLLEAGUE, false],
    ["own", "rep", ME, true],
    ["all", "rep", null, true],
    ["own", "manager", null, true],
  ] as const)("GIVEN %s and a %s asking for owner %s THEN the list is allowed: %s", (visibility, role, ownerId, allowed) => {
    const list = () => assertMayListOwner(reader(visibility, role), ownerId, "deals");
    if (allowed) expect(list).not.toThrow();
    else expect(list).toThrow(/Try: deals$/);
  });

  test("the list refusal names the reader's own command in their language", () => {
    const zh = { ...reader("own", "rep"), t: createTranslator("zh-CN") };
    expect(() => assertMayListOwner(zh, null, "deals")).toThrow(/商机/);
  });
});
