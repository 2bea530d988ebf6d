/** How a contact person reads on cards and lists: name, title, primary mark, phone, email and messenger handles. */
import type { Translate } from "../core/i18n/index.js";
import type { Contact } from "../core/domain.js";
import { CONTACT_HANDLES } from "../core/contact-store.js";

type Shown = Pick<Contact, "name" | "title" | "isPrimary" | "phone" | "email" | "wechat" | "kakao" | "line">;

/** "John Smith, Buyer (primary)". */
export function contactLine(t: Translate, contact: Shown): string {
  const named = contact.title ? t("show.contactWithTitle", { name: contact.name, title: contact.title }) : contact.name;
  return contact.isPrimary ? t("show.primaryContact", { contact: named }) : named;
}

/** "+86 138 0013 8000 · wang@hongda.cn · WeChat wangwei_sh", or undefined when there is nothing to reach them by. */
export function contactReach(t: Translate, contact: Shown): string | undefined {
  const handles = CONTACT_HANDLES.flatMap((handle) => (contact[handle] ? [t("contact.handle", { handle, value: contact[handle]! })] : []));
  return [contact.phone, contact.email, ...handles].filter(Boolean).join(" · ") || undefined;
}

export function contactCardFields(t: Translate, contact: Shown): { label: string; value: string; inline: boolean }[] {
  const values: [string, string | null | undefined][] = [
    ["phone", contact.phone],
    ["email", contact.email],
    ...CONTACT_HANDLES.map((handle): [string, string | null | undefined] => [handle, contact[handle]]),
  ];
  return values.filter(([, value]) => value).map(([field, value]) => ({ label: t("contact.field", { field }), value: value!, inline: true }));
}
