import { describe, expect, test } from "vitest";
import { createTranslator } from "../core/i18n/index.js";
import { formatReport, maskPassword } from "./migrate-db-cli.js";

describe("maskPassword", () => {
  test.each([
    { url: "postgres://rapport:s3cret@db.internal:5432/rapport", shown: "postgres://rapport:****@db.internal:5432/rapport" },
    { url: "postgres://postgres@127.0.0.1:5432/rapport", shown: "postgres://postgres@127.0.0.1:5432/rapport" },
    { url: "not a url", shown: "not a url" },
  ])("GIVEN $url THEN $shown", ({ url, shown }) => {
    expect(maskPassword(url)).toBe(shown);
  });
});

describe("formatReport", () => {
  test("GIVEN two verified tables and one that differs THEN aligned columns with a verdict each", () => {
    const same = "a".repeat(64);
    expect(
      formatReport(createTranslator("en"), {
        ms: 2500,
        tables: [
          { table: "tenants", rows: 1, sourceChecksum: same, targetRows: 1, targetChecksum: same },
          { table: "customers", rows: 103000, sourceChecksum: same, targetRows: 103000, targetChecksum: same },
          { table: "orders", rows: 5, sourceChecksum: same, targetRows: 4, targetChecksum: "b".repeat(64) },
        ],
      }),
    ).toBe(
      [
        "table        rows  copied  checksum (sha256, source)  checksum (target)",
        "tenants         1       1  aaaaaaaaaaaaaaaa           aaaaaaaaaaaaaaaa   ok",
        "customers  103000  103000  aaaaaaaaaaaaaaaa           aaaaaaaaaaaaaaaa   ok",
        "orders          5       4  aaaaaaaaaaaaaaaa           bbbbbbbbbbbbbbbb   DIFFERS",
        "103006 rows in 3 tables copied and verified in 2.5 s.",
      ].join("\n"),
    );
  });

  test("GIVEN Korean THEN translated headers stay aligned under double-width characters", () => {
    const same = "c".repeat(64);
    const text = formatReport(createTranslator("ko"), { ms: 1000, tables: [{ table: "customers", rows: 2, sourceChecksum: same, targetRows: 2, targetChecksum: same }] });
    expect(text.split("\n")).toEqual([
      "테이블     행 수  복사됨  체크섬 (sha256, 원본)  체크섬 (대상)",
      "customers      2       2  cccccccccccccccc       cccccccccccccccc  일치",
      "테이블 1개, 2행을 복사하고 확인했습니다 (1.0초).",
    ]);
  });
});
