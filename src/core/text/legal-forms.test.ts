import { expect, test } from "vitest";
import { stripLegalForm } from "./legal-forms.js";
import { normalizeText } from "./normalize.js";

test.each([
  ["鴻海精密工業股份有限公司", "鸿海精密工业"],
  ["鸿海精密工业有限公司", "鸿海精密工业"],
  ["上海宏达贸易公司", "上海宏达贸易"],
  ["华润集团", "华润"],
  ["深圳华强电子有限责任公司", "深圳华强电子"],
  ["삼성전자 주식회사", "삼성전자"],
  ["삼성전자㈜", "삼성전자"],
  ["(주)한빛소프트", "한빛소프트"],
  ["주식회사 현대상사", "현대상사"],
  ["Brightway Systems Co., Ltd.", "brightway systems"],
  ["Acme Inc.", "acme"],
  ["Müller Maschinenbau GmbH & Co. KG", "muller maschinenbau"],
  ["Café Lumière S.A.R.L.", "cafe lumiere"],
  ["Công ty TNHH Minh Phát", "minh phat"],
  ["Công ty Cổ phần Thép Hòa Phát", "thep hoa phat"],
  ["有限公司", "有限公司"],
  ["Samsung", "samsung"],
])("GIVEN %s THEN the core is %s", (name, core) => {
  expect(stripLegalForm(normalizeText(name))).toBe(core);
});
