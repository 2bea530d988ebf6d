import type { Locale } from "../locale.js";
import { en, type Catalog } from "./en.js";
import { ko } from "./ko.js";
import { zhCN } from "./zh-CN.js";
import { zhTW } from "./zh-TW.js";

export type { Catalog, MessageKey } from "./en.js";

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, "zh-CN": zhCN, "zh-TW": zhTW, ko };
