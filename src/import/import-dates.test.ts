import { describe, expect, test } from "vitest";
import { DateOrderConflict, DateReader } from "./import-dates.js";
import { RowError } from "./row-error.js";

function readAll(reader: DateReader, dates: string[]): string[] {
  return dates.map((raw, index) => {
    reader.line = index + 2;
    return reader.read(raw, "orderedOn");
  });
}

describe("year-first dates are read the same whatever the order", () => {
  test.each([
    ["2026-03-14", "2026-03-14"],
    ["2026/3/4", "2026-03-04"],
    ["2026.03.14", "2026-03-14"],
    ["2026-03-14T10:20:00Z", "2026-03-14"],
    ["2026年3月14日", "2026-03-14"],
    ["2026. 3. 14.", "2026-03-14"],
  ])("%s", (raw, iso) => {
    expect(new DateReader("dmy").read(raw, "orderedOn")).toBe(iso);
    expect(new DateReader().read(raw, "orderedOn")).toBe(iso);
  });
});

describe("slash dates", () => {
  test("auto: a day over 12 in the second place makes the file month/day", () => {
    const reader = new DateReader();
    expect(readAll(reader, ["3/14/2026", "04/05/2026"])).toEqual(["2026-03-14", "2026-04-05"]);
    expect(reader.assumption()).toBeNull();
  });

  test("auto: a day over 12 in the first place makes later ambiguous dates day/month", () => {
    const reader = new DateReader();
    expect(readAll(reader, ["14/03/2026", "04/05/2026"])).toEqual(["2026-03-14", "2026-05-04"]);
  });

  test("auto: an ambiguous date before day/month evidence stops the import and names both lines", () => {
    const reader = new DateReader();
    expect(readAll(reader, ["04/05/2026"])).toEqual(["2026-04-05"]);
    reader.line = 9;
    let conflict: unknown;
    try {
      reader.read("23/04/2026", "orderedOn");
    } catch (error) {
      conflict = error;
    }
    expect(conflict).toBeInstanceOf(DateOrderConflict);
    expect(conflict).toMatchObject({ line: 2, message: expect.stringMatching(/"04\/05\/2026".*line 9.*--date-order dmy/) });
  });

  test("auto: only ambiguous dates are read as month/day and reported as an assumption", () => {
    const reader = new DateReader();
    expect(readAll(reader, ["05/05/2026", "04/05/2026", "01/02/2026"])).toEqual(["2026-05-05", "2026-04-05", "2026-01-02"]);
    expect(reader.assumption()).toEqual({ line: 3, raw: "04/05/2026" });
  });

  test("auto: a file mixing both orders gets a row error on the contradicting date", () => {
    const reader = new DateReader();
    readAll(reader, ["3/14/2026"]);
    expect(() => reader.read("14/3/2026", "orderedOn")).toThrow(RowError);
    expect(() => reader.read("14/3/2026", "orderedOn")).toThrow(/earlier dates in this file are month\/day\/year/);
  });

  test("an explicit order reads ambiguous dates that way and rejects dates that do not fit", () => {
    expect(readAll(new DateReader("dmy"), ["04/05/2026", "14.03.2026"])).toEqual(["2026-05-04", "2026-03-14"]);
    expect(readAll(new DateReader("mdy"), ["04/05/2026"])).toEqual(["2026-04-05"]);
    expect(() => new DateReader("mdy").read("14/03/2026", "orderedOn")).toThrow(/not a month\/day\/year date.*--date-order dmy/);
    expect(new DateReader("mdy").assumption()).toBeNull();
  });

  test("impossible and malformed dates say what is wrong with an example", () => {
    expect(() => new DateReader().read("2026-02-30", "orderedOn")).toThrow('orderedOn "2026-02-30" is not a real date');
    expect(() => new DateReader().read("next week", "orderedOn")).toThrow('orderedOn "next week" is not a date like 2026-03-14');
  });
});
