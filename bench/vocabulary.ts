/**
 * A finite multilingual vocabulary from which synthetic customers are composed: English, German
 * (umlauts, ß), French (accents), Simplified and Traditional Chinese company names, Korean. Names
 * repeat across a large tenant the way real ones do ("Schmidt Logistik GmbH" exists many times).
 */
import type { Rng } from "./prng.js";

export type Language = "en" | "de" | "fr" | "zh-Hans" | "zh-Hant" | "ko";

/** Share of customers per language (sums to 1). */
export const LANGUAGE_MIX: readonly [Language, number][] = [
  ["en", 0.38],
  ["de", 0.14],
  ["fr", 0.1],
  ["zh-Hans", 0.16],
  ["zh-Hant", 0.08],
  ["ko", 0.14],
];

const EN_ADJ = ["Northwind", "Blue Ridge", "Summit", "Pioneer", "Evergreen", "Silverline", "Redwood", "Atlas", "Harbor", "Keystone", "Granite", "Liberty", "Meridian", "Oakridge", "Pacific", "Riverside", "Sterling", "Trident", "Vanguard", "Westfield", "Apex", "Beacon", "Cascade", "Crescent", "Delta", "Eagle", "Falcon", "Frontier", "Golden Gate", "Highland", "Ironwood", "Juniper", "Lakeshore", "Maple", "Nimbus", "Orion", "Prairie", "Quantum", "Rockport", "Sequoia", "Skyline", "Sunrise", "Timber", "Union", "Valley", "Willow", "Zenith", "Acme", "Globex", "Initech", "Hooli", "Stark", "Wayne", "Umbrella", "Cyberdyne", "Tyrell", "Wonka", "Soylent", "Vandelay", "Gringotts"];
const EN_NOUN = ["Logistics", "Manufacturing", "Supply", "Foods", "Electronics", "Industries", "Trading", "Textiles", "Hardware", "Plastics", "Packaging", "Pharma", "Chemicals", "Motors", "Robotics", "Software", "Systems", "Energy", "Solar", "Metals", "Tools", "Furniture", "Paper", "Printing", "Farms", "Beverages", "Medical", "Optics", "Instruments", "Components", "Fasteners", "Bearings", "Pumps", "Valves", "Cables", "Lighting", "Marine", "Aerospace", "Builders", "Outfitters"];
const EN_SUFFIX = ["Inc", "LLC", "Ltd", "Corp", "Co", "Group", "Holdings", "Partners", "& Sons", "Company"];
const EN_FIRST = ["John", "Jane", "Michael", "Sarah", "David", "Emily", "Robert", "Jessica", "William", "Ashley", "James", "Olivia", "Daniel", "Sophia", "Matthew", "Emma", "Chris", "Hannah", "Andrew", "Grace", "Brian", "Megan", "Kevin", "Laura", "Jason", "Rachel", "Eric", "Nicole", "Steven", "Amanda"];
const EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts"];
const EN_CITY = [["Boston", "Massachusetts", "617"], ["Austin", "Texas", "512"], ["Chicago", "Illinois", "312"], ["Seattle", "Washington", "206"], ["Denver", "Colorado", "303"], ["San Diego", "California", "619"], ["Atlanta", "Georgia", "404"], ["Portland", "Oregon", "503"], ["Phoenix", "Arizona", "602"], ["Miami", "Florida", "305"]] as const;

const DE_LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Köhler", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jäger", "Groß", "Böhm", "Günther", "Vogt"];
const DE_NOUN = ["Maschinenbau", "Logistik", "Elektrotechnik", "Bäckerei", "Küchenbau", "Metallbau", "Holzhandel", "Fahrzeugteile", "Druckerei", "Glaserei", "Gerätebau", "Kältetechnik", "Stahlbau", "Lebensmittel", "Brauerei", "Möbelwerk", "Präzisionsteile", "Werkzeugbau", "Umwelttechnik", "Straßenbau"];
const DE_SUFFIX = ["GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.", "OHG"];
const DE_FIRST = ["Jürgen", "Günter", "Björn", "Sören", "Jörg", "Uwe", "Klaus", "Stefan", "Anja", "Käthe", "Jürgen", "Sabine", "Ute", "Matthias", "Tobias", "Lena", "Lukas", "Julia", "Frank", "Dörte"];
const DE_CITY = [["München", "Bayern", "89"], ["Köln", "Nordrhein-Westfalen", "221"], ["Düsseldorf", "Nordrhein-Westfalen", "211"], ["Nürnberg", "Bayern", "911"], ["Berlin", "Berlin", "30"], ["Hamburg", "Hamburg", "40"], ["Stuttgart", "Baden-Württemberg", "711"], ["Lübeck", "Schleswig-Holstein", "451"]] as const;

const FR_WORD = ["Café", "Lumière", "Élégance", "Château", "Boulangerie", "Société", "Crème", "Étoile", "Forêt", "Rivière", "Pâtisserie", "Fromagerie", "Hôtel", "Maison", "Atelier", "Épicerie", "Brasserie", "Papeterie", "Quincaillerie", "Bâtiment", "Génie", "Énergie", "Électricité", "Transports", "Vignoble"];
const FR_NAME = ["Dupont", "Lefèvre", "Bérénice", "Gérard", "Hélène", "Mélanie", "Renée", "Benoît", "Clément", "Frédéric", "Émile", "Noël", "Zoé", "Joëlle", "Françoise", "Cécile", "Léon", "Thérèse", "Aurélie", "Jérôme"];
const FR_SUFFIX = ["SARL", "SA", "SAS", "EURL", "et Fils", "Frères"];
const FR_LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèbvre", "Michel", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Müller"];
const FR_CITY = [["Paris", "Île-de-France", "1"], ["Lyon", "Auvergne-Rhône-Alpes", "4"], ["Marseille", "Provence-Alpes-Côte d'Azur", "4"], ["Orléans", "Centre-Val de Loire", "2"], ["Besançon", "Bourgogne-Franche-Comté", "3"], ["Nîmes", "Occitanie", "4"]] as const;

const ZH_CITY = [["上海", "上海", "21"], ["北京", "北京", "10"], ["深圳", "广东", "755"], ["广州", "广东", "20"], ["杭州", "浙江", "571"], ["南京", "江苏", "25"], ["苏州", "江苏", "512"], ["成都", "四川", "28"], ["武汉", "湖北", "27"], ["天津", "天津", "22"], ["重庆", "重庆", "23"], ["宁波", "浙江", "574"], ["青岛", "山东", "532"], ["厦门", "福建", "592"], ["西安", "陕西", "29"], ["长沙", "湖南", "731"]] as const;
const ZH_BRAND = ["宏达", "华强", "永丰", "金龙", "东方", "长城", "新华", "天成", "恒通", "瑞丰", "鑫源", "博远", "中兴", "安泰", "富华", "嘉禾", "隆昌", "盛世", "正泰", "海天", "明辉", "国瑞", "美好", "佳能", "信达", "万通", "广源", "汇丰", "德胜", "顺发", "腾飞", "凯旋", "宝龙", "银河", "星辰", "龙腾", "锦程", "和平", "光明", "春晖", "宏图", "大洋", "通达", "合力", "振华", "四海", "远航", "京华", "创新", "联合"];
const ZH_INDUSTRY = ["贸易", "电子", "机械", "科技", "实业", "物流", "化工", "纺织", "食品", "建材", "医药", "汽车配件", "五金", "包装", "印刷", "家具", "电器", "能源", "服装", "网络"];
const ZH_SUFFIX = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司"];
const ZH_SURNAME = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
const ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志明", "晓东", "海燕", "国庆", "丽华"];

const HANT_CITY = [["台北", "台北", "2"], ["新北", "新北", "2"], ["台中", "台中", "4"], ["高雄", "高雄", "7"], ["台南", "台南", "6"], ["桃園", "桃園", "3"], ["新竹", "新竹", "3"], ["香港", "香港", "852"]] as const;
const HANT_BRAND = ["宏達", "華強", "永豐", "金龍", "東方", "長城", "新華", "天成", "恆通", "瑞豐", "鑫源", "博遠", "中興", "安泰", "富華", "嘉禾", "隆昌", "盛世", "台積", "聯發", "廣達", "鴻海", "國泰", "遠東", "統一", "華碩", "緯創", "仁寶", "光寶", "台達"];
const HANT_INDUSTRY = ["電子", "貿易", "機械", "科技", "實業", "物流", "化工", "紡織", "食品", "電機", "醫藥", "電腦", "精密", "光電", "資訊"];
const HANT_SUFFIX = ["股份有限公司", "有限公司", "企業社"];
const HANT_GIVEN = ["志明", "淑芬", "雅婷", "家豪", "怡君", "俊傑", "美玲", "建國", "麗華", "冠宇"];

const KO_REGION = [["서울", "서울", "2"], ["부산", "부산", "51"], ["인천", "인천", "32"], ["대구", "대구", "53"], ["대전", "대전", "42"], ["광주", "광주", "62"], ["수원", "경기도", "31"], ["울산", "울산", "52"], ["창원", "경상남도", "55"], ["청주", "충청북도", "43"]] as const;
const KO_BRAND = ["삼성", "현대", "엘지", "한화", "롯데", "대우", "두산", "한진", "금호", "효성", "동아", "대한", "한국", "신세계", "코오롱", "아모레", "농심", "오뚜기", "태광", "동원", "미래", "푸른", "새한", "우리", "하나", "세종", "백두", "한빛", "제일", "고려"];
const KO_INDUSTRY = ["전자", "상사", "물산", "중공업", "화학", "건설", "제약", "식품", "통상", "정밀", "기계", "산업", "유통", "에너지", "반도체", "섬유", "무역", "테크", "소재", "모터스"];
const KO_PREFIX = ["", "", "", "(주)", "주식회사 "];
const KO_SURNAME = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"];
const KO_GIVEN = ["민준", "서연", "지훈", "민지", "도윤", "하은", "준호", "수빈", "예준", "지우", "현우", "서윤", "승민", "유진", "동현"];

export const INDUSTRIES = ["Manufacturing", "Trading", "Electronics", "Logistics", "Food", "Retail", "Construction", "Pharma", "Automotive", "Software", "Energy", "Hospitality"];
export const TITLES = ["Purchasing manager", "CEO", "CFO", "Buyer", "Operations lead", "Owner", "Procurement", "Sales director"];
export const MEMBER_NAMES = ["Alice Martin", "Bob Jones", "陈伟 Chen Wei", "김민지 Kim Minji", "Jürgen Weiß", "Amélie Poulain", "Priya Patel", "王芳", "박지훈", "Carlos Díaz", "Olivia Chen", "Sven Krüger", "林雅婷", "Noah Brown", "Chloé Girard", "이서연", "Tom Becker", "刘洋", "Hannah Lee", "Mateo Rossi", "Sofia Kim", "Lukas Schäfer", "张丽", "Ethan Wright", "Zoé Lefèvre"];

export type GeneratedContact = { name: string; title: string; phone: string | null; email: string | null };

export type GeneratedName = {
  language: Language;
  name: string;
  aliases: string[];
  city: string;
  region: string;
  phone: string;
  domain: string;
  contacts: GeneratedContact[];
  /** CJK/Hangul names: the distinctive brand ("宏达", "삼성") and brand + trade ("삼성전자"). */
  brand?: string;
  core?: string;
};

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function digits(rng: Rng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

function pickLanguage(rng: Rng): Language {
  let roll = rng.next();
  for (const [language, share] of LANGUAGE_MIX) {
    roll -= share;
    if (roll < 0) return language;
  }
  return "en";
}

/** One customer's identity: name, aliases, city, phone, web domain and 1-3 contacts. */
export function generateName(rng: Rng, index: number): GeneratedName {
  const language = pickLanguage(rng);
  const contactCount = rng.chance(0.5) ? 1 : rng.chance(0.6) ? 2 : 3;
  const contacts: GeneratedContact[] = [];
  // A per-customer number keeps domains (and so emails) distinct, like real ones.
  const tag = index.toString(36);
  switch (language) {
    case "en": {
      const [city, region, area] = rng.pick(EN_CITY);
      const name = rng.chance(0.75)
        ? `${rng.pick(EN_ADJ)} ${rng.pick(EN_NOUN)} ${rng.pick(EN_SUFFIX)}`
        : `${rng.pick(EN_LAST)} & ${rng.pick(EN_LAST)} ${rng.pick(EN_SUFFIX)}`;
      const base = name.split(" ").slice(0, 2).join("");
      const domain = `${slug(base)}${tag}.example`;
      const initials = name.split(" ").filter((word) => /^[A-Z]/.test(word)).map((word) => word[0]).join("");
      for (let i = 0; i < contactCount; i++) {
        const first = rng.pick(EN_FIRST);
        const last = rng.pick(EN_LAST);
        contacts.push({ name: `${first} ${last}`, title: rng.pick(TITLES), phone: rng.chance(0.6) ? `+1 ${area} 555 ${digits(rng, 4)}` : null, email: rng.chance(0.7) ? `${slug(first)}.${slug(last)}@${domain}` : null });
      }
      return { language, name, aliases: rng.chance(0.3) ? [initials] : [], city, region, phone: `+1 ${area} 555 ${digits(rng, 4)}`, domain, contacts };
    }
    case "de": {
      const [city, region, area] = rng.pick(DE_CITY);
      const family = rng.pick(DE_LAST);
      const name = `${family} ${rng.pick(DE_NOUN)} ${rng.pick(DE_SUFFIX)}`;
      const domain = `${slug(family)}${tag}.example`;
      for (let i = 0; i < contactCount; i++) {
        const first = rng.pick(DE_FIRST);
        const last = i === 0 ? family : rng.pick(DE_LAST);
        contacts.push({ name: `${first} ${last}`, title: rng.pick(TITLES), phone: rng.chance(0.6) ? `+49 ${area} ${digits(rng, 7)}` : null, email: rng.chance(0.6) ? `${slug(first)}.${slug(last)}@${domain}` : null });
      }
      return { language, name, aliases: [], city, region, phone: `+49 ${area} ${digits(rng, 4)} ${digits(rng, 3)}`, domain, contacts };
    }
    case "fr": {
      const [city, region, area] = rng.pick(FR_CITY);
      const name = `${rng.pick(FR_WORD)} ${rng.pick(FR_NAME)} ${rng.pick(FR_SUFFIX)}`;
      const domain = `${slug(name.split(" ").slice(0, 2).join(""))}${tag}.example`;
      for (let i = 0; i < contactCount; i++) {
        const first = rng.pick(FR_NAME);
        const last = rng.pick(FR_LAST);
        contacts.push({ name: `${first} ${last}`, title: rng.pick(TITLES), phone: rng.chance(0.6) ? `+33 ${area} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}` : null, email: rng.chance(0.6) ? `${slug(first)}@${domain}` : null });
      }
      return { language, name, aliases: [], city, region, phone: `+33 ${area} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`, domain, contacts };
    }
    case "zh-Hans": {
      const [city, region, area] = rng.pick(ZH_CITY);
      const brand = rng.pick(ZH_BRAND);
      const industry = rng.pick(ZH_INDUSTRY);
      const name = `${city}${brand}${industry}${rng.pick(ZH_SUFFIX)}`;
      const domain = `zh${tag}.example`;
      for (let i = 0; i < contactCount; i++) {
        contacts.push({ name: `${rng.pick(ZH_SURNAME)}${rng.pick(ZH_GIVEN)}`, title: rng.pick(["采购经理", "总经理", "财务", "销售总监"]), phone: rng.chance(0.7) ? `+86 13${digits(rng, 1)} ${digits(rng, 4)} ${digits(rng, 4)}` : null, email: null });
      }
      return { language, name, aliases: rng.chance(0.4) ? [`${brand}${industry}`] : [], city, region, phone: `+86 ${area} ${digits(rng, 4)} ${digits(rng, 4)}`, domain, contacts, brand, core: `${brand}${industry}` };
    }
    case "zh-Hant": {
      const [city, region, area] = rng.pick(HANT_CITY);
      const brand = rng.pick(HANT_BRAND);
      const industry = rng.pick(HANT_INDUSTRY);
      const name = `${city}${brand}${industry}${rng.pick(HANT_SUFFIX)}`;
      const domain = `tw${tag}.example`;
      for (let i = 0; i < contactCount; i++) {
        contacts.push({ name: `${rng.pick(ZH_SURNAME)}${rng.pick(HANT_GIVEN)}`, title: rng.pick(["業務經理", "總經理", "採購"]), phone: rng.chance(0.6) ? `+886 9${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}` : null, email: null });
      }
      return { language, name, aliases: rng.chance(0.4) ? [`${brand}${industry}`] : [], city, region, phone: `+886 ${area} ${digits(rng, 4)} ${digits(rng, 4)}`, domain, contacts, brand, core: `${brand}${industry}` };
    }
    case "ko": {
      const [city, region, area] = rng.pick(KO_REGION);
      const brand = rng.pick(KO_BRAND);
      const industry = rng.pick(KO_INDUSTRY);
      const name = `${rng.pick(KO_PREFIX)}${rng.chance(0.4) ? city : ""}${brand}${industry}`;
      const domain = `kr${tag}.example`;
      for (let i = 0; i < contactCount; i++) {
        contacts.push({ name: `${rng.pick(KO_SURNAME)}${rng.pick(KO_GIVEN)}`, title: rng.pick(["구매 과장", "대리", "부장", "대표"]), phone: rng.chance(0.7) ? `010-${digits(rng, 4)}-${digits(rng, 4)}` : null, email: rng.chance(0.3) ? `sales@${domain}` : null });
      }
      return { language, name, aliases: [], city, region, phone: `+82 ${area} ${digits(rng, 4)} ${digits(rng, 4)}`, domain, contacts, brand, core: `${brand}${industry}` };
    }
  }
}

export const INTERACTION_SUMMARIES = [
  "Discussed Q1 volume discount; wants a revised quote.",
  "Sent the 2027 price list.",
  "Werksbesuch: neue Produktlinie vorgestellt.",
  "与采购经理讨论明年框架协议。",
  "報價已發送，等待回覆。",
  "견적 요청 받음 (WID-200 500개).",
  "No answer; left voicemail.",
  "Négociation des conditions de paiement.",
  "Budget frozen until next quarter.",
  "Follow-up on late delivery, apologised and offered credit.",
];

/** A customer's currency by the language of its name; null: the workspace's (USD). Deals are priced in it. */
export const CURRENCY_OF_LANGUAGE: Record<Language, string | null> = { en: null, de: "EUR", fr: "EUR", "zh-Hans": "CNY", "zh-Hant": "TWD", ko: "KRW" };

export const DEAL_TITLES = [
  "Annual supply contract",
  "Q1 volume order",
  "Pilot order",
  "Renewal 2027",
  "New product line rollout",
  "Service agreement",
  "Rahmenvertrag 2027",
  "Commande cadre",
  "年度供货合同",
  "新产品试单",
  "年度採購合約",
  "연간 공급 계약",
  "신규 라인 도입",
];

export const DEAL_LOST_NOTES = [
  "Went with the incumbent supplier.",
  "Budget frozen until next year.",
  "Preis 8% über Wettbewerb.",
  "客户选择了本地供应商。",
  "預算延到明年。",
  "경쟁사 단가가 더 낮음.",
];
