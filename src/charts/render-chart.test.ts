/**
 * Chinese and Korean chart labels come out as glyphs. Without a font that has them, resvg draws
 * every CJK character as the same missing-glyph box (or nothing), so two different labels
 * rasterise to identical pixels, and a label to the same pixels as private-use characters.
 */
import { basename } from "node:path";
import { describe, expect, test } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { cjkFontFiles, pngSize, rasterize, renderSpec } from "./render-chart.js";

function labelSvg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40"><text x="8" y="28" font-family="sans-serif" font-size="20">${text}</text></svg>`;
}

/** The same text with every non-ASCII character replaced by a private-use one: what missing glyphs look like. */
function asMissingGlyphs(text: string): string {
  return [...text].map((char, index) => (char <= "\u007f" ? char : String.fromCodePoint(0xe000 + index))).join("");
}

function inkPixels(rgba: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < rgba.length; index += 4) if (rgba[index]! < 128) count++;
  return count;
}

function regionsChart(regions: string[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    width: 200,
    height: 60,
    data: { values: regions.map((region, index) => ({ region, customers: index + 1 })) },
    mark: "bar",
    encoding: { y: { field: "region", type: "nominal", sort: null, title: "region" }, x: { field: "customers", type: "quantitative" } },
  };
}

describe("CJK text in charts", () => {
  test.each([
    ["a Simplified Chinese label", "华东 上海宏达"],
    ["a Traditional Chinese label", "台灣 宏達電子"],
    ["a Korean label", "서울 삼성전자"],
    ["owner names", "王伟 陈伟 김민준"],
    ["Latin, Chinese and Korean in one label", "Acme 台灣 서울"],
  ])("GIVEN %s (%s) THEN it is drawn with glyphs, not missing-glyph boxes", async (_, text) => {
    const [glyphs, boxes] = await Promise.all([rasterize(labelSvg(text)), rasterize(labelSvg(asMissingGlyphs(text)))]);
    expect(inkPixels(glyphs.rgba)).toBeGreaterThan(100);
    expect(Buffer.from(glyphs.rgba).equals(Buffer.from(boxes.rgba))).toBe(false);
  });

  test.each([
    ["a Simplified and a Traditional character", "宏达", "宏達"],
    ["Hangul", "삼성", "서울"],
    ["the Chinese part of a mixed label", "Acme 台灣 서울", "Acme 台湾 서울"],
    ["the Korean part of a mixed label", "Acme 台灣 서울", "Acme 台灣 부산"],
  ])("GIVEN two charts whose labels differ only in %s (%s, %s) THEN the PNGs differ", async (_, first, second) => {
    const [one, other] = await Promise.all([renderSpec(regionsChart(["East", first])), renderSpec(regionsChart(["East", second]))]);
    expect(pngSize(one.png.data)).toEqual({ width: one.png.width, height: one.png.height });
    expect(pngSize(other.png.data)).toEqual(pngSize(one.png.data));
    expect(Buffer.from(one.png.data).equals(Buffer.from(other.png.data))).toBe(false);
  });

  test.each([
    ["Acme Corp", []],
    ["Müller GmbH · Île-de-France", []],
    ["华东", ["NotoSansSC_400Regular.ttf"]],
    ["台灣", ["NotoSansSC_400Regular.ttf"]],
    ["（株）", ["NotoSansSC_400Regular.ttf"]],
    ["서울", ["NotoSansKR_400Regular.ttf"]],
    ["「서울」", ["NotoSansKR_400Regular.ttf"]],
    ["Acme 台灣 서울", ["NotoSansSC_400Regular.ttf", "NotoSansKR_400Regular.ttf"]],
  ])("GIVEN the text %s THEN the CJK fonts loaded are %j", (text, files) => {
    expect(cjkFontFiles(text).map((path) => basename(path))).toEqual(files);
  });
});
