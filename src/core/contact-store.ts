/** Contact persons of customers: what `contact` and `contacts` need from storage (src/data/contact-queries.ts). */

/** The messenger handles people in Rapport's markets share instead of (or beside) a phone number. */
export const CONTACT_HANDLES = ["wechat", "kakao", "line"] as const;
export type ContactHandle = (typeof CONTACT_HANDLES)[number];

/** What `contact add` and `contact edit` may set; null clears a field. */
export type ContactPatch = {
  name?: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
  kakao?: string | null;
  line?: string | null;
  isPrimary?: boolean;
};

export type ContactRecord = {
  id: number;
  customerId: number;
  customerName: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  kakao: string | null;
  line: string | null;
  isPrimary: boolean;
  removedAt: Date | null;
};

/**
 * Every write refreshes the customer's search keys in the same transaction, so a contact's name,
 * phone and email find the customer at once and a removed contact no longer does. Setting a
 * contact primary clears the customer's other primary contacts.
 */
export type ContactQueries = {
  get(id: number): Promise<ContactRecord | null>;
  /** Current contacts of a customer, primary first; `removed` lists the removed ones instead. */
  listFor(customerId: number, options?: { removed?: boolean }): Promise<ContactRecord[]>;
  /** Contacts whose name contains `name` (any case), optionally of one customer; removed ones only with `removed`. */
  findByName(name: string, options: { customerId?: number; removed?: boolean; limit: number }): Promise<ContactRecord[]>;
  create(customerId: number, patch: ContactPatch & { name: string }): Promise<ContactRecord>;
  update(id: number, patch: ContactPatch): Promise<{ before: ContactRecord; after: ContactRecord }>;
  /** Soft removal (a date) or restoration (null). */
  setRemoved(id: number, at: Date | null): Promise<{ before: ContactRecord; after: ContactRecord }>;
};
