import { describe, expect, test } from "vitest";
import type { CommandContext } from "./context.js";
import { readDateArgument, type DateArgument } from "./date-input.js";
import { UserError } from "./errors.js";
import { createTranslator, type Locale } from "./i18n/index.js";

// Monday 2026-11-23 15:00 UTC: already Tuesday 2026-11-24 in Seoul.
const NOW = new Date("2026-11-23T15:00:00Z");

function contextIn(timeZone: string, today: string, locale: Locale = "en"): CommandContext {
  return { now: NOW, timeZone, today, locale, t: createTranslator(locale) } as CommandContext;
}

const followUp: DateArgument = { field: "date", purpose: "follow-up", example: "followup acme tomorrow", rerun: (date) => `followup acme ${date}` };

function thrown(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("readDateArgument", () => {
  test.each([
    ["明天", "UTC", "2026-11-23", "2026-11-24"],
    ["내일", "Asia/Seoul", "2026-11-24", "2026-11-25"],
    ["下週五", "Asia/Taipei", "2026-11-24", "2026-12-04"],
    ["tomorrow", "America/New_York", "2026-11-23", "2026-11-24"],
    ["２０２６－１２－０１", "UTC", "2026-11-23", "2026-12-01"],
  ])("GIVEN %s in %s THEN %s", (phrase, zone, today, expected) => {
    expect(readDateArgument(phrase, contextIn(zone, today), followUp)).toBe(expected);
  });

  test("GIVEN a date that reads two ways THEN both readings are offered as commands", () => {
    const error = thrown(() => readDateArgument("05/12/2027", contextIn("UTC", "2026-11-23"), followUp));
    expect(error.code).toBe("ambiguous_date");
    expect(error.details.choices).toEqual([
      { label: "2027-05-12", command: "followup acme 2027-05-12" },
      { label: "2027-12-05", command: "followup acme 2027-12-05" },
    ]);
  });

  test("GIVEN a past follow-up date THEN it is questioned, and the same date as an ISO date is kept", () => {
    const ctx = contextIn("UTC", "2026-11-23");
    const error = thrown(() => readDateArgument("2026年11月20日", ctx, followUp));
    expect(error.code).toBe("past_date");
    expect(error.details.choices?.map((choice) => choice.command)).toEqual(["followup acme 2026-11-20", "followup acme 2026-11-23", "followup acme 2026-11-24"]);
    expect(readDateArgument("2026-11-20", ctx, followUp)).toBe("2026-11-20");
    expect(readDateArgument("2026年11月20日", ctx, { ...followUp, purpose: "any" })).toBe("2026-11-20");
  });

  test("GIVEN an unreadable phrase THEN the error quotes all of it with an example in the reader's language", () => {
    const error = thrown(() => readDateArgument("언젠가 다음에", contextIn("Asia/Seoul", "2026-11-24", "ko"), followUp));
    expect(error.code).toBe("bad_date");
    expect(error.message).toContain("언젠가 다음에");
    expect(error.message).toContain("다음 주 금요일");
  });
});
