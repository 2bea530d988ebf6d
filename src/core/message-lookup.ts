/**
 * What a chat message names, for the "Find in CRM" and "Order status" message shortcuts: order
 * numbers, emails, phone numbers and name-like phrases (customer names and aliases, contact names)
 * in English, Chinese and Korean. Pure extraction plus a bounded lookup through the store's own
 * customer search (no SQL of its own): at most MAX_NAME_LOOKUPS searches and MAX_ORDER_LOOKUPS
 * order reads per message, however long the message is.
 */
import { withinScope, type CustomerSearchScope } from "./customer-visibility.js";
import type { CustomerHit } from "./domain.js";
import { toHalfWidth } from "./i18n/vocabulary.js";
import type { Store } from "./store.js";

/** Customer searches per message (emails, phones and phrases together). */
export const MAX_NAME_LOOKUPS = 8;
/** Orders read per message. */
export const MAX_ORDER_LOOKUPS = 5;
/** Customers shown for one message. */
export const MAX_CUSTOMERS_SHOWN = 5;
/**
 * A search hit counts only when every word of the phrase is in the customer's names, contacts or
 * emails (search-ranking.ts: 0.70 and up); initials and typo neighbours of ordinary words are noise here.
 */
export const MIN_MESSAGE_SCORE = 0.7;

export type MessageCandidates = {
  /** The workspace's numbering as stored: `SO-1042` (upper case, one hyphen). */
  orderNumbers: string[];
  /** Numbers that may be imported orders (`PO-2024-0031`) or may be SKUs: looked up, never reported missing. */
  otherNumbers: string[];
  emails: string[];
  /** As written, at least 7 digits. */
  phones: string[];
  /** Name-like phrases, most likely first. */
  phrases: string[];
};

const MAX_TEXT = 4000;
const MAX_PHRASE_CHARS = 60;

/** Slack and Discord markup reduced to its readable part; links other than mailto dropped. */
function plainText(text: string): string {
  return text
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, " $1 ")
    .replace(/<tel:([^|>]+)(?:\|[^>]*)?>/g, " $1 ")
    .replace(/<(?:https?:)[^|>]*\|([^>]*)>/g, " $1 ")
    .replace(/<[@#!][^>]*>/g, " ")
    .replace(/<a?:\w+:\d+>/g, " ")
    .replace(/<https?:[^>]*>/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[*_~`>]+/g, " ");
}

/** `SO-1042`, `so-1042`, `SO1042` (not "so 50 units"). */
const ORDER_PREFIXED = /\bSO(?:\s?-\s?(\d{1,9})|(\d{3,9}))\b/gi;
/** `order #1042`, `order no. 1042`, `订单1042`, `訂單 #1042`, `주문번호 1042`: the workspace's SO numbering. */
const ORDER_WORD = /(?:\border\s*(?:#|no\.?\s*|number\s*)|(?:订单|訂單|주문)\s*(?:号|號|번호)?\s*[#:]?\s*)(\d{3,9})\b/gi;
/** Other numbering (imported orders: `PO-2024-0031`), read only when such an order exists. */
const OTHER_NUMBER = /\b([A-Z]{1,5}-\d[\d-]{1,14}\d)\b/g;
/** Numbers of other kinds of record, never orders. */
const NOT_ORDERS = /^(?:INV|Q|QT)-/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+|\b00)?\(?\d[\d\s().-]{5,22}\d\b/g;
const ISO_DATE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/;

function pushUnique(list: string[], value: string): void {
  if (value && !list.some((item) => item.toLowerCase() === value.toLowerCase())) list.push(value);
}

function orderNumbersIn(text: string): { numbers: string[]; others: string[]; rest: string } {
  const numbers: string[] = [];
  const others: string[] = [];
  let rest = text.replace(ORDER_PREFIXED, (_match, hyphenated: string | undefined, attached: string | undefined) => {
    pushUnique(numbers, `SO-${Number(hyphenated ?? attached)}`);
    return " ";
  });
  rest = rest.replace(ORDER_WORD, (_match, digits: string) => {
    pushUnique(numbers, `SO-${Number(digits)}`);
    return " ";
  });
  rest = rest.replace(OTHER_NUMBER, (match: string) => {
    if (NOT_ORDERS.test(match.toUpperCase())) return " ";
    if (!numbers.includes(match.toUpperCase())) pushUnique(others, match.toUpperCase());
    return " ";
  });
  return { numbers, others, rest };
}

function phonesIn(text: string): { phones: string[]; rest: string } {
  const phones: string[] = [];
  const rest = text.replace(PHONE, (match: string) => {
    const written = match.trim();
    const digits = written.replace(/\D/g, "");
    if (ISO_DATE.test(written) || digits.length < 7 || digits.length > 15) return match;
    pushUnique(phones, written);
    return " ";
  });
  return { phones, rest };
}

// ---- Latin names -------------------------------------------------------------------------------

/** Capitalized words that start sentences or greet, never names on their own (comma-separated: data, not prose). */
const LATIN_STOP = new Set(
  (
    "a,an,the,hi,hello,hey,dear,thanks,thank,please,can,could,would,will,should,shall,may,might,must,do,does,did,is,are,was,were,be,been," +
    "i,we,you,they,he,she,it,my,our,your,their,his,her,its,me,us,them,this,that,these,those,there,here,what,when,where,who,why,how,which," +
    "yes,no,ok,okay,sure,also,and,or,but,so,if,then,just,not,fyi,re,fw,fwd,cc,bcc,pls,asap,eod,eta,call,called,email,emailed,meeting,met," +
    "order,orders,quote,invoice,payment,paid,shipped,shipment,today,tomorrow,yesterday,monday,tuesday,wednesday,thursday,friday,saturday,sunday," +
    "mon,tue,wed,thu,fri,sat,sun,january,february,march,april,june,july,august,september,october,november,december,jan,feb,mar,apr,jun,jul,aug," +
    "sep,sept,oct,nov,dec,next,last,new,good,great,best,regards,cheers,team,mr,mrs,ms,dr,sir,madam,let,lets,got,get,need,needs,want,wants," +
    "talk,talked,spoke,told,asked,wrote,visited,ship,ships,shipping,deliver,delivery,sent,send,sending,see,saw,check,checked,following,follow,up,about,from,for,with,to,at,on,in,by,of,as,after,before,via,per"
  ).split(","),
);

/**
 * Runs of capitalized words ("Acme Corp", "Kim Minji", "Globex & Co"), greetings and sentence words
 * trimmed. A single capitalized word opening a sentence ("Talked to ...") is weak evidence: it comes last.
 */
function latinPhrases(text: string): string[] {
  const strong: string[] = [];
  const weak: string[] = [];
  const run = /\b[A-Z][\p{L}\p{M}0-9'’.&-]*(?:[ \t]+(?:&|of|de|von|van|[A-Z][\p{L}\p{M}0-9'’.&-]*))*/gu;
  for (const match of text.matchAll(run)) {
    const words = match[0].replace(/[.'’-]+$/u, "").split(/[ \t]+/);
    let trimmedFront = false;
    while (words.length && LATIN_STOP.has(words[0]!.toLowerCase().replace(/[.'’]/g, ""))) {
      words.shift();
      trimmedFront = true;
    }
    while (words.length && (LATIN_STOP.has(words.at(-1)!.toLowerCase().replace(/[.'’]/g, "")) || words.at(-1) === "&")) words.pop();
    const phrase = words.join(" ");
    if (phrase.replace(/[^\p{L}]/gu, "").length < 2) continue;
    const before = text.slice(0, match.index);
    const opensSentence = !trimmedFront && (before.trim() === "" || /[.!?:;\n]\s*$/.test(before));
    pushUnique(opensSentence && words.length === 1 ? weak : strong, phrase);
  }
  return [...strong, ...weak];
}

// ---- Chinese -----------------------------------------------------------------------------------

/** Everyday sales words (Simplified and Traditional) cut out before the rest is read as names. */
const CJK_STOP_WORDS = (
  "请问 請問 你好 您好 谢谢 謝謝 麻烦 麻煩 我们 我們 你们 你們 他们 他們 她们 她們 今天 明天 昨天 后天 後天 上周 上週 下周 下週 本周 本週 " +
  "周一 周二 周三 周四 周五 周六 周日 週一 週二 週三 週四 週五 週六 週日 星期 上午 下午 晚上 刚才 剛才 已经 已經 可以 需要 什么 什麼 怎么 怎麼 " +
  "这个 這個 那个 那個 一下 一些 客户 客戶 订单 訂單 报价单 報價單 报价 報價 询价 詢價 发货 發貨 出货 出貨 付款 收款 回款 发票 發票 合同 合約 " +
  "价格 價格 数量 數量 联系 聯繫 聯絡 电话 電話 微信 邮件 郵件 短信 简讯 簡訊 确认 確認 问题 問題 情况 情況 进度 進度 状态 狀態 " +
  "跟进 跟進 拜访 拜訪 会议 會議 开会 開會 见面 見面 样品 樣品 采购 採購 老板 老闆 经理 經理 总经理 總經理 主管 先生 女士 小姐 " +
  "查一下 查询 查詢 看看 帮忙 幫忙 还是 還是 但是 因为 因為 所以 如果 关于 關於 还有 還有 没有 沒有 知道 告诉 告訴 希望 打算 准备 準備"
)
  .split(" ")
  .sort((a, b) => b.length - a.length);
const CJK_STOP_RE = new RegExp(CJK_STOP_WORDS.join("|"), "g");
/** Function words the segmenter returns on their own (never cut out of a longer word). */
const CJK_STOP_CHARS = new Set([..."的了和与與跟在是我你他她它们們给給把被从從到对對说說要会會有也都就还還很吗嗎呢吧啊呀哦嗯这這那个個一不没沒请請已让讓向及或等啦再又才刚剛想能将將上下"]);
const CJK_RUN = /[\p{Script=Han}]+/gu;

let zhSegmenter: Intl.Segmenter | null = null;
function segmenter(): Intl.Segmenter {
  zhSegmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  return zhSegmenter;
}

/** Han runs with sales words and function words removed: "请问上海宏达的订单" -> ["上海宏达"]. */
function hanPhrases(text: string): string[] {
  const phrases: string[] = [];
  for (const [run] of text.matchAll(CJK_RUN)) {
    for (const piece of run.replace(CJK_STOP_RE, " ").split(" ")) {
      let current = "";
      const flush = () => {
        if ([...current].length >= 2) pushUnique(phrases, current);
        current = "";
      };
      for (const { segment } of segmenter().segment(piece)) {
        if ([...segment].length === 1 && CJK_STOP_CHARS.has(segment)) flush();
        else current += segment;
      }
      flush();
    }
  }
  return phrases;
}

// ---- Korean ------------------------------------------------------------------------------------

/** Particles and honorifics after a name, longest first ("삼성전자에서" -> "삼성전자", "김민지님께" -> "김민지"). */
const HANGUL_SUFFIXES = [
  "에서는", "에게서", "한테서", "께서는", "으로는", "이랑은", "이라고", "님께서", "님에게", "님한테", "씨에게", "씨한테",
  "에서", "에게", "한테", "께서", "으로", "이랑", "하고", "까지", "부터", "보다", "처럼", "님께", "님이", "님은", "님의", "씨가", "씨는", "씨의",
  "은", "는", "이", "가", "을", "를", "와", "과", "의", "도", "로", "에", "께", "랑", "님", "씨", "측",
];
/** Titles and everyday sales words that are not names. */
const HANGUL_STOP = new Set(
  (
    "안녕하세요 감사합니다 고맙습니다 오늘 내일 어제 모레 이번 다음 지난 주 월요일 화요일 수요일 목요일 금요일 토요일 일요일 오전 오후 " +
    "거래처 고객 고객사 주문 주문서 견적 견적서 발주 출고 배송 입금 결제 송금 계약 계약서 세금계산서 청구서 미수금 가격 단가 수량 " +
    "연락 전화 통화 메일 이메일 문자 카톡 미팅 회의 방문 확인 문의 요청 진행 상황 상태 관련 건 부탁 부탁드립니다 " +
    "사장 부장 차장 과장 대리 주임 사원 팀장 실장 이사 상무 전무 대표 대표님 담당 담당자 매니저 " +
    "저희 우리 제가 저는 그리고 그런데 하지만 혹시 다시 아직 이미 지금 바로 좀 더 많이 같이"
  ).split(" "),
);
/** Verb and adjective endings: a word ending so is a predicate, not a name. */
const HANGUL_PREDICATE = /(?:니다|니까|어요|아요|해요|여요|에요|예요|세요|셨|했|었|았|겠|다|죠|네요|군요|는데|지만|해서|하고|하면|하니|드려요|드림)$/;
const HANGUL_WORD = /[\p{Script=Hangul}]+/gu;

function hangulPhrases(text: string): string[] {
  const phrases: string[] = [];
  for (const [word] of text.matchAll(HANGUL_WORD)) {
    if (HANGUL_PREDICATE.test(word)) continue;
    let stem = word;
    for (let strip = 0; strip < 2; strip += 1) {
      const suffix = HANGUL_SUFFIXES.find((ending) => stem.endsWith(ending) && stem.length - ending.length >= 2);
      if (!suffix) break;
      stem = stem.slice(0, -suffix.length);
    }
    if (stem.length >= 2 && !HANGUL_STOP.has(stem)) pushUnique(phrases, stem);
  }
  return phrases;
}

// ---- Quoted ------------------------------------------------------------------------------------

const QUOTED = /"([^"\n]{2,60})"|“([^”\n]{2,60})”|「([^」\n]{2,60})」|『([^』\n]{2,60})』|‘([^’\n]{2,60})’/g;

/**
 * Everything in a message that could name a customer or an order. Full-width forms (`ＳＯ－１０４２`)
 * are read as ASCII; chat markup (mentions, links) is ignored.
 */
export function extractMessageCandidates(message: string): MessageCandidates {
  const text = plainText(toHalfWidth(message.slice(0, MAX_TEXT)));
  const emails: string[] = [];
  let rest = text.replace(EMAIL, (email: string) => {
    pushUnique(emails, email.toLowerCase());
    return " ";
  });
  const orders = orderNumbersIn(rest);
  const phoneScan = phonesIn(orders.rest);
  rest = phoneScan.rest;
  const phrases: string[] = [];
  for (const match of rest.matchAll(QUOTED)) pushUnique(phrases, (match.slice(1).find(Boolean) ?? "").trim());
  rest = rest.replace(QUOTED, " ");
  for (const phrase of [...latinPhrases(rest), ...hanPhrases(rest), ...hangulPhrases(rest)]) pushUnique(phrases, phrase);
  return {
    orderNumbers: orders.numbers,
    otherNumbers: orders.others,
    emails,
    phones: phoneScan.phones,
    phrases: phrases.filter((phrase) => [...phrase].length <= MAX_PHRASE_CHARS),
  };
}

/** The searches one message costs, strongest evidence first, capped at MAX_NAME_LOOKUPS. */
export function lookupQueries(candidates: MessageCandidates): string[] {
  return [...candidates.emails, ...candidates.phones, ...candidates.phrases].slice(0, MAX_NAME_LOOKUPS);
}

/** The order numbers one message looks up: the workspace's own first, capped at MAX_ORDER_LOOKUPS. */
export function orderLookups(candidates: MessageCandidates): string[] {
  return [...candidates.orderNumbers, ...candidates.otherNumbers].slice(0, MAX_ORDER_LOOKUPS);
}

/** A customer found in a message and what named it there. */
export type MessageMatch = { hit: CustomerHit; matchedBy: string[] };

/**
 * The customers a message names, best first: a customer named by an order number, email or phone,
 * or by more phrases, comes before one named once; then by search score.
 */
export async function customersInMessage(
  store: Store,
  candidates: MessageCandidates,
  limit = MAX_CUSTOMERS_SHOWN,
  scope: CustomerSearchScope = {},
): Promise<MessageMatch[]> {
  const found = new Map<number, MessageMatch & { weight: number; best: number; first: number }>();
  const add = (hit: CustomerHit, by: string, weight: number, order: number) => {
    const known = found.get(hit.id);
    if (known) {
      known.weight += weight;
      known.best = Math.max(known.best, hit.score);
      if (!known.matchedBy.includes(by)) known.matchedBy.push(by);
    } else found.set(hit.id, { hit, matchedBy: [by], weight, best: hit.score, first: order });
  };
  let order = 0;
  for (const number of orderLookups(candidates)) {
    const named = await store.orders.getByNumber(number);
    if (!named) continue;
    const customer = await store.customers.get(named.customerId);
    if (!customer || customer.archivedAt || !withinScope(scope, customer)) continue;
    const owner = customer.ownerId === null ? null : await store.members.get(customer.ownerId);
    add({ id: customer.id, name: customer.name, status: customer.status, city: customer.city ?? null, ownerName: owner?.displayName ?? null, score: 1 }, named.number, 3, order++);
  }
  const exact = new Set([...candidates.emails, ...candidates.phones]);
  for (const query of lookupQueries(candidates)) {
    const hits = await store.customers.search(query, { limit: MAX_CUSTOMERS_SHOWN, ...scope });
    for (const hit of hits) if (hit.score >= MIN_MESSAGE_SCORE) add(hit, query, exact.has(query) ? 3 : 1 + hit.score, order++);
  }
  return [...found.values()]
    .sort((a, b) => b.weight - a.weight || b.best - a.best || a.first - b.first)
    .slice(0, limit)
    .map(({ hit, matchedBy }) => ({ hit, matchedBy }));
}
