/** Every scenario through every surface's real adapter, against the real core on the demo data. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scenarios, type Expectation } from "./scenarios.js";
import { plain, type Driver, type Observation, type SurfaceName } from "./surface.js";
import { SURFACES } from "./surfaces.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

function rows(driver: Driver, table: "interaction" | "customer"): Promise<number> {
  return table === "interaction"
    ? driver.prisma.interaction.count({ where: { tenantId: driver.tenantId, undone: false } })
    : driver.prisma.customer.count({ where: { tenantId: driver.tenantId } });
}

/** Runs `step`, then checks what it showed and what it wrote against `expected`. */
async function check(driver: Driver, expected: Expectation, step: () => Promise<Observation>): Promise<Observation> {
  const before = expected.writes ? await rows(driver, expected.writes.table) : 0;
  const seen = await step();
  const where = `${driver.surface}: ${JSON.stringify({ title: seen.title, text: seen.text.slice(0, 600), buttons: seen.buttons })}`;
  if (typeof expected.title === "string" && seen.title !== undefined) expect(seen.title, where).toBe(plain(expected.title));
  if (expected.title instanceof RegExp && seen.title !== undefined) expect(seen.title, where).toMatch(expected.title);
  for (const fragment of expected.says ?? []) expect(seen.text, where).toContain(plain(fragment));
  for (const fragment of expected.saysNot ?? []) expect(seen.text, where).not.toContain(plain(fragment));
  for (const label of expected.buttons ?? []) expect(seen.buttons.some((shown) => shown.includes(label)), `${where}: a "${label}" button`).toBe(true);
  if (expected.error !== undefined) expect(seen.error, where).toBe(expected.error);
  if (expected.ephemeral !== undefined && seen.ephemeral !== undefined) expect(seen.ephemeral, where).toBe(expected.ephemeral);
  if (expected.code !== undefined && seen.code !== undefined) expect(seen.code, where).toBe(expected.code);
  if (expected.file) {
    const file = seen.files.find((candidate) => (typeof expected.file!.name === "string" ? candidate.name === expected.file!.name : expected.file!.name.test(candidate.name)));
    expect(file, `${where}: files ${JSON.stringify(seen.files.map((candidate) => candidate.name))}`).toBeDefined();
    if (expected.file.png) expect([...file!.bytes.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    if (expected.file.contains) expect(Buffer.from(file!.bytes).toString("utf8")).toContain(expected.file.contains);
  }
  if (expected.writes) expect(await rows(driver, expected.writes.table), `${driver.surface}: ${expected.writes.table} rows`).toBe(before + expected.writes.delta);
  return seen;
}

describe.each(SURFACES)("the $surface adapter keeps the contract", ({ surface, start }) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await start();
  }, 60_000);
  afterAll(async () => {
    await driver?.stop();
  });

  test.each(scenarios.map((scenario) => [scenario.name, scenario] as const))("%s", async (_name, scenario) => {
    const expected: Expectation = { ...scenario.expect, ...scenario.on?.[surface] };
    const seen = await check(driver, expected, () => driver.send(scenario.as ?? "admin", scenario.command));
    if (scenario.then) await check(driver, scenario.then.expect, () => seen.press(scenario.then!.press));
  });
});
