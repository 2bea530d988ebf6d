/**
 * Charts on a server with no fonts installed (a slim container): Latin text still comes out,
 * because the font it is drawn in ships with the npm dependencies.
 */
import { describe, expect, test } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { rasterize, renderSpec } from "./render-chart.js";

function inkPixels(rgba: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < rgba.length; index += 4) if (rgba[index]! < 128) count++;
  return count;
}

const label = (text: string, family = "sans-serif") =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40"><text x="8" y="28" font-family="${family}" font-size="20">${text}</text></svg>`;

function latinChart(title: string): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    title,
    width: 200,
    height: 60,
    data: { values: [{ region: "East", customers: 3 }, { region: "West", customers: 5 }] },
    mark: "bar",
    encoding: { y: { field: "region", type: "nominal", title: "region" }, x: { field: "customers", type: "quantitative" } },
  };
}

describe("Latin text without system fonts", () => {
  test.each([
    ["vega's default family", "sans-serif"],
    ["a family the server does not have", "Helvetica Neue"],
  ])("GIVEN %s THEN a Latin label is drawn", async (_, family) => {
    const { rgba } = await rasterize(label("Acme Corp · Müller GmbH", family), { systemFonts: false });
    expect(inkPixels(rgba)).toBeGreaterThan(300);
  });

  test("GIVEN a Latin-only chart THEN its text is drawn: two charts differing only in their title differ in pixels", async () => {
    const [one, other] = await Promise.all([
      renderSpec(latinChart("Customers by region"), { systemFonts: false }),
      renderSpec(latinChart("Customers by regiom"), { systemFonts: false }),
    ]);
    expect(Buffer.from(one.png.data).equals(Buffer.from(other.png.data))).toBe(false);
  });

  test("GIVEN system fonts THEN Latin text looks the same as without them (the bundled font is used either way)", async () => {
    const [bundledOnly, withSystem] = await Promise.all([rasterize(label("Acme Corp"), { systemFonts: false }), rasterize(label("Acme Corp"))]);
    expect(Buffer.from(withSystem.rgba).equals(Buffer.from(bundledOnly.rgba))).toBe(true);
  });
});
