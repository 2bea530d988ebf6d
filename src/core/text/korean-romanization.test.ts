import { expect, test } from "vitest";
import { koreanRomanizations } from "./korean-romanization.js";

test.each([
  ["삼성전자", ["samseongjeonja", "samsung jeonja", "samsungjeonja"]],
  ["현대상사", ["hyeondaesangsa", "hyundai sangsa", "hyundaisangsa"]],
  ["한빛 소프트", ["hanbit sopeuteu", "hanbitsopeuteu"]],
  ["엘지", ["elji", "lg"]],
  ["한빛에너지", ["hanbicheneoji", "hanbiteneoji"]],
])("GIVEN %s THEN its romanizations are %j", (name, expected) => {
  expect(koreanRomanizations(name)).toEqual(expected);
});

test("text without Hangul has no romanization", () => {
  expect(koreanRomanizations("acme corp")).toEqual([]);
});

test("a name read again gives the same romanizations from the memo", () => {
  const first = koreanRomanizations("삼성전자 현대상사");
  expect(koreanRomanizations("삼성전자 현대상사")).toEqual(first);
  expect(first).toEqual(["samseongjeonja hyeondaesangsa", "samseongjeonjahyeondaesangsa", "samsung jeonja hyundai sangsa", "samsungjeonjahyundaisangsa"]);
});
