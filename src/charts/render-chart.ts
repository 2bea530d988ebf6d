/**
 * Server-side charts: a Vega-Lite spec is compiled to Vega, rendered headless to SVG, and
 * rasterised to PNG with resvg (a native binding shipped inside the npm package, no browser or
 * canvas). Every font a chart needs comes with the npm dependencies, so charts render the same on
 * a server with no fonts installed (a slim container): Latin, Greek and Cyrillic text in Noto
 * Sans; Chinese (Simplified and Traditional) and Korean in Noto Sans SC (all but 16 of the 20,992
 * CJK Unified Ideographs) and Noto Sans KR (Hangul), regular weight. System fonts are only the
 * fallback for other scripts. resvg falls back per character, so "Acme 台灣 서울" mixes Noto
 * Sans, Noto Sans SC and Noto Sans KR in one label.
 */
import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";

// vega and vega-lite are loaded on the first chart, not at start-up: vega-lite patches
// Set.prototype.toJSON when it loads, and discord.js fails to load under that patch ('string
// "Set()" is not iterable'); the Discord adapter loads at start, long before any chart.
async function chartLibraries() {
  const [vega, vegaLite, resvg] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
  return { vega, compile: vegaLite.compile, renderAsync: resvg.renderAsync };
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u;
const HANGUL = /\p{Script=Hangul}/u;
/** CJK punctuation, enclosed CJK and full-width forms: in both CJK fonts, not in DejaVu. */
const CJK_SYMBOLS = /[\u3000-\u303f\u3200-\u32ff\uff00-\uffef]/u;

/** The family Latin text (and vega's default "sans-serif") is drawn in. */
const TEXT_FONT_FAMILY = "Noto Sans";

let fontPaths: { latin: string; han: string; hangul: string } | undefined;
function bundledFontPaths() {
  if (!fontPaths) {
    const require = createRequire(import.meta.url);
    fontPaths = {
      latin: require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"),
      han: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
      hangul: require.resolve("@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf"),
    };
  }
  return fontPaths;
}

/**
 * The CJK font files a text needs. resvg builds its font database per render and reads a
 * fallback font file whole each time it shapes or draws with it (10.5 MB for Noto Sans SC, about
 * 2.5 ms per CJK character), so a chart without CJK text loads neither and a Chinese-only chart
 * skips Korean.
 */
export function cjkFontFiles(text: string): string[] {
  const hangul = HANGUL.test(text);
  const han = HAN.test(text) || (!hangul && CJK_SYMBOLS.test(text));
  if (!han && !hangul) return [];
  const paths = bundledFontPaths();
  return [...(han ? [paths.han] : []), ...(hangul ? [paths.hangul] : [])];
}

export type Png = { data: Uint8Array; width: number; height: number };

/**
 * SVG -> image off the event loop (on libuv's thread pool): a chart with CJK labels takes tens to
 * hundreds of milliseconds, which must not delay Slack's 3-second acknowledgements.
 */
async function rasterImage(svg: string, options: RasterOptions = {}) {
  const { renderAsync } = await chartLibraries();
  // Only the text between tags decides: vega also writes data values into aria attributes.
  const fontFiles = [bundledFontPaths().latin, ...cjkFontFiles(svg.replace(/<[^>]*>/g, ""))];
  const font = { loadSystemFonts: options.systemFonts ?? true, defaultFontFamily: TEXT_FONT_FAMILY, sansSerifFamily: TEXT_FONT_FAMILY, fontFiles };
  const rendered = await renderAsync(svg, { font, background: "white" });
  return { rendered, png: { data: new Uint8Array(rendered.asPng()), width: rendered.width, height: rendered.height } };
}

/** systemFonts false: only the bundled fonts, as on a server with none installed (tests). */
export type RasterOptions = { systemFonts?: boolean };

/** Any SVG through the same fonts as the charts, with the raw RGBA pixels (for tests). */
export async function rasterize(svg: string, options: RasterOptions = {}): Promise<{ png: Png; rgba: Uint8Array }> {
  const { rendered, png } = await rasterImage(svg, options);
  return { png, rgba: new Uint8Array(rendered.pixels) };
}

export async function renderSpec(spec: TopLevelSpec, options: { scale?: number } & RasterOptions = {}): Promise<{ svg: string; png: Png }> {
  const { vega, compile } = await chartLibraries();
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG(options.scale ?? 1);
  view.finalize();
  const { png } = await rasterImage(svg, options);
  return { svg, png };
}

/** Reads width and height from a PNG's IHDR chunk (and checks the signature). */
export function pngSize(data: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, index) => data[index] === byte)) throw new Error("not a PNG");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (String.fromCharCode(...data.subarray(12, 16)) !== "IHDR") throw new Error("PNG without IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
