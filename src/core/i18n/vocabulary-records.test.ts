import { expect, test } from "vitest";
import { tokenize } from "../tokenize.js";
import { canonicalize } from "./vocabulary.js";

const read = (line: string) => canonicalize(tokenize(line), { locale: "zh-CN" });

test.each([
  ["联系人 添加 宏达 王伟 职务=采购经理 电话=138 0013 8000 主要联系人", ["contact", "add", "宏达", "王伟", "position=采购经理", "phone=138", "0013", "8000", "primary"]],
  ["聯絡人 編輯 #12 微信=wang_w", ["contact", "edit", "#12", "wechat=wang_w"]],
  ["담당자 삭제 김민준 거래처=삼성", ["contact", "remove", "김민준", "customer=삼성"]],
  ["담당자목록 삼성", ["contacts", "삼성"]],
  ["合并 远航物流 并入 北京远航物流有限公司", ["merge", "远航物流", "into", "北京远航物流有限公司"]],
  ["병합 #12 으로 #11", ["merge", "#12", "into", "#11"]],
  ["归档 ＃57 撤销", ["archive", "#57", "undo"]],
  ["보관 #57 보관해제", ["archive", "#57", "undo"]],
  ["新建 远航物流 仍然创建", ["new", "远航物流", "anyway"]],
  ["新建 仍然创建", ["new", "仍然创建"]],
  ["统计 客户 按城市", ["stats", "customers", "by", "city"]],
  ["통계 거래처 유형별", ["stats", "customers", "by", "type"]],
  ["stats customers by province", ["stats", "customers", "by", "region"]],
])("GIVEN %s THEN %o", (line, expected) => {
  expect(read(line)).toEqual(expected);
});
