import { describe, expect, test } from "vitest";
import type { Tenant } from "../core/domain.js";
import type { DbClient } from "./client-types.js";
import { createStore } from "./store.js";

const tenant: Tenant = { id: 7, platform: "slack", externalId: "T7", name: "Acme", currency: "EUR", timeZone: "UTC" };
// Nothing here runs a query: the store's parts only close over the client until a command calls them.
const unusedClient = {} as DbClient;

describe("createStore", () => {
  test.each(["orders", "orderEntry", "receivables", "ledger", "reports", "team", "contacts", "merges", "tasks", "quotes", "channelSettings", "alerts"] as const)(
    "GIVEN a store THEN its %s part is built once and is the same object on every use",
    (part) => {
      const store = createStore(unusedClient, tenant, null, () => new Date());
      const first = store[part];
      expect(first).toBeTypeOf("object");
      expect(store[part]).toBe(first);
      // Another store (another command, or a transaction) has its own.
      expect(createStore(unusedClient, tenant, null, () => new Date())[part]).not.toBe(first);
    },
  );
});
