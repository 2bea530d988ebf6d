/**
 * Server-side charts: a Vega-Lite spec is compiled to Vega, rendered headless to SVG, and
 * rasterised to PNG with resvg (a native binding shipped inside the npm package, no browser or
 * canvas). Text uses the system fonts (DejaVu on Debian); without CJK fonts installed
 * (fonts-noto-cjk) Chinese/Korean labels render as boxes, which is why every chart also has a
 * text summary.
 */
import type { TopLevelSpec } from "vega-lite";

// vega and vega-lite are loaded on the first chart, not at start-up: vega-lite patches
// Set.prototype.toJSON when it loads, and discord.js fails to load under that patch ('string
// "Set()" is not iterable'); the Discord adapter loads at start, long before any chart.
async function chartLibraries() {
  const [vega, vegaLite, resvg] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
  return { vega, compile: vegaLite.compile, Resvg: resvg.Resvg };
}

export type Png = { data: Uint8Array; width: number; height: number };

export async function renderSpec(spec: TopLevelSpec, options: { scale?: number } = {}): Promise<{ svg: string; png: Png }> {
  const { vega, compile, Resvg } = await chartLibraries();
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG(options.scale ?? 1);
  view.finalize();
  const rendered = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, background: "white" }).render();
  return { svg, png: { data: new Uint8Array(rendered.asPng()), width: rendered.width, height: rendered.height } };
}

/** Reads width and height from a PNG's IHDR chunk (and checks the signature). */
export function pngSize(data: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, index) => data[index] === byte)) throw new Error("not a PNG");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (String.fromCharCode(...data.subarray(12, 16)) !== "IHDR") throw new Error("PNG without IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
