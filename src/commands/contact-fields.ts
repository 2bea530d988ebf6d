/**
 * Reads `field=value` pairs typed after `contact add` / `contact edit` into a contact patch, with
 * one message per bad field in the writer's language. Empty values clear a field (`title=`).
 */
import { z } from "zod";
import type { ContactPatch } from "../core/contact-store.js";
import { UserError } from "../core/errors.js";
import type { Translate } from "../core/i18n/index.js";
import { typedFieldList } from "../core/i18n/typed-line.js";
import { text } from "./shared/arguments.js";
import { emailRule, phoneRule } from "./shared/customer-fields.js";

/** The fields of a contact person, in the order they are listed. */
export const CONTACT_FIELDS = ["name", "title", "phone", "email", "wechat", "kakao", "line"] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

const ALIASES: Record<string, ContactField> = { tel: "phone", mobile: "phone", mail: "email", position: "title", kakaotalk: "kakao" };

const optional = (label: string, max: number) => z.union([z.literal(""), text(label, max)]).transform((value) => value || null);

const RULES: Record<ContactField, z.ZodType> = {
  name: text("name", 100),
  title: optional("title", 100),
  phone: phoneRule,
  email: emailRule,
  wechat: optional("wechat", 100),
  kakao: optional("kakao", 100),
  line: optional("line", 100),
};

/** The job title is typed `position=` words in other languages (职务=, 직함=): `title` there means a deal's heading. */
function typedName(field: ContactField, t: Translate): string {
  return typedFieldList([t.locale === "en" || field !== "title" ? field : "position"], t.locale)[0]!;
}

export function contactFieldNames(t: Translate): string {
  return CONTACT_FIELDS.map((field) => typedName(field, t)).join(t.locale.startsWith("zh") ? "、" : ", ");
}

export function parseContactFields(fields: Record<string, string>, t: Translate, example: string): ContactPatch {
  const patch: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [rawKey, value] of Object.entries(fields)) {
    const key = (ALIASES[rawKey] ?? rawKey) as ContactField;
    if (!(CONTACT_FIELDS as readonly string[]).includes(key)) {
      problems.push(t("contact.unknownField", { field: rawKey, fields: contactFieldNames(t) }));
      continue;
    }
    const result = RULES[key].safeParse(value);
    if (result.success) patch[key] = result.data;
    else if (key === "phone") problems.push(t("fields.phone"));
    else if (key === "email") problems.push(t("fields.email"));
    else problems.push(t(key === "name" ? "contact.nameMissing" : "contact.fieldTooLong", { field: typedName(key, t) }));
  }
  if (problems.length) throw new UserError("bad_field", problems.join(" "), { example });
  return patch as ContactPatch;
}
