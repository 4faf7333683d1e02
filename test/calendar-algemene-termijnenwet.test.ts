import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  easterSunday,
  extendToWorkingDay,
  GELIJKGESTELDE_DAGEN,
  holidaysOf,
  isWorkingDay,
  workingDaysBetween,
} from "../src/domain/calendar.ts";
import { toDate, toIso } from "../src/domain/dates.ts";

/** Working days under the Algemene termijnenwet: no weekends, feestdagen or gelijkgestelde dagen. */

const dateOf = (year: number, name: string) => holidaysOf(year).find((h) => h.name === name)?.date;

describe("Easter (Meeus/Jones/Butcher)", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2000, "2000-04-23"],
    [2038, "2038-04-25"], // the latest possible date
    [2285, "2285-03-22"], // the earliest possible date
  ])("Easter %i falls on %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(dateOf(year, "Eerste Paasdag")).toBe(date);
  });
});

describe("the feestdagen of a year", () => {
  it("2026 has the days of art. 3 Atw, Goede Vrijdag and the days of the Besluit gelijkstelling", () => {
    expect(holidaysOf(2026).map((h) => `${h.date} ${h.name}`)).toEqual([
      "2026-01-01 Nieuwjaarsdag",
      "2026-01-02 Vrijdag na Nieuwjaarsdag",
      "2026-04-03 Goede Vrijdag",
      "2026-04-05 Eerste Paasdag",
      "2026-04-06 Tweede Paasdag",
      "2026-04-27 Koningsdag",
      "2026-05-05 Bevrijdingsdag",
      "2026-05-14 Hemelvaartsdag",
      "2026-05-15 Vrijdag na Hemelvaartsdag",
      "2026-05-24 Eerste Pinksterdag",
      "2026-05-25 Tweede Pinksterdag",
      "2026-12-25 Eerste Kerstdag",
      "2026-12-26 Tweede Kerstdag",
    ]);
  });

  it("Koningsdag 2025 is Saturday 26 April, because 27 April 2025 is a Sunday", () => {
    expect(toDate("2025-04-27").getDay()).toBe(0);
    expect(dateOf(2025, "Koningsdag")).toBe("2025-04-26");
    expect(dateOf(2026, "Koningsdag")).toBe("2026-04-27");
  });

  it("before 2014 the day is Koninginnedag on 30 April, 29 April when the 30th is a Sunday", () => {
    expect(dateOf(2013, "Koninginnedag")).toBe("2013-04-30");
    expect(dateOf(2006, "Koninginnedag")).toBe("2006-04-29");
  });

  it("Hemelvaartsdag 2026 is Thursday 14 May and Pinksteren 2026 is 24 and 25 May", () => {
    expect(dateOf(2026, "Hemelvaartsdag")).toBe("2026-05-14");
    expect(dateOf(2026, "Eerste Pinksterdag")).toBe("2026-05-24");
    expect(dateOf(2026, "Tweede Pinksterdag")).toBe("2026-05-25");
    expect(isWorkingDay("2026-05-14")).toBe(false);
    expect(isWorkingDay("2026-05-25")).toBe(false);
  });

  it("5 mei is a feestdag every year, also outside lustrum years", () => {
    expect(isWorkingDay("2026-05-05")).toBe(false); // Tuesday
    expect(isWorkingDay("2027-05-05")).toBe(false); // Wednesday
  });

  it("every year has the computed days in date order, each with its legal basis", () => {
    for (let year = 2014; year <= 2040; year++) {
      const list = holidaysOf(year);
      expect(list.map((h) => h.date)).toEqual(list.map((h) => h.date).sort());
      expect(list.every((h) => h.date.startsWith(`${year}-`) && h.basis.length > 0)).toBe(true);
      expect(toDate(dateOf(year, "Goede Vrijdag") ?? "").getDay()).toBe(5);
      expect(toDate(dateOf(year, "Hemelvaartsdag") ?? "").getDay()).toBe(4);
      expect(toDate(dateOf(year, "Tweede Pinksterdag") ?? "").getDay()).toBe(1);
      expect(toDate(dateOf(year, "Koningsdag") ?? "").getDay()).not.toBe(0);
    }
  });

  it("the days gelijkgesteld by Besluit are weekdays that are not already a feestdag", () => {
    for (const day of GELIJKGESTELDE_DAGEN) {
      const weekday = toDate(day.date).getDay();
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
      const year = Number(day.date.slice(0, 4));
      expect(holidaysOf(year).filter((h) => h.date === day.date)).toHaveLength(1);
      expect(day.basis).toMatch(/^Atw art\. 3 lid 3; Besluit gelijkstelling/);
    }
  });

  it("returns a copy: changing the result does not change the calendar", () => {
    const list = holidaysOf(2026);
    list.length = 0;
    expect(isWorkingDay("2026-04-06")).toBe(false);
    expect(holidaysOf(2026)).toHaveLength(13);
  });
});

describe("working days", () => {
  it("Saturday and Sunday are not working days; an ordinary Monday to Friday are", () => {
    expect(isWorkingDay("2026-03-07")).toBe(false);
    expect(isWorkingDay("2026-03-08")).toBe(false);
    for (const d of ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]) {
      expect(isWorkingDay(d)).toBe(true);
    }
  });

  it("the next working day after a Friday, a Saturday or a Sunday is the Monday", () => {
    expect(addWorkingDays("2026-03-06", 1)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-07", 1)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-09", 5)).toBe("2026-03-16");
  });

  it("the start day itself never counts, and 0 working days is the start day", () => {
    expect(addWorkingDays("2026-03-09", 0)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-07", 0)).toBe("2026-03-07");
  });

  it("5 working days after Thursday 2 April 2026 skip Goede Vrijdag, the weekend and Tweede Paasdag", () => {
    expect(addWorkingDays("2026-04-02", 5)).toBe("2026-04-13");
  });

  it("5 working days after Thursday 24 December 2026 skip Christmas and New Year: Monday 4 January 2027", () => {
    expect(addWorkingDays("2026-12-23", 5)).toBe("2026-12-31");
    expect(addWorkingDays("2026-12-24", 5)).toBe("2027-01-04");
  });

  it("the Friday after Hemelvaartsdag 2026 is gelijkgesteld, so Wednesday 13 May + 1 is Monday 18 May", () => {
    expect(addWorkingDays("2026-05-13", 1)).toBe("2026-05-18");
  });

  it("counts the working days after a up to and including b", () => {
    expect(workingDaysBetween("2026-04-02", "2026-04-13")).toBe(5);
    expect(workingDaysBetween("2026-04-13", "2026-04-02")).toBe(-5);
    expect(workingDaysBetween("2026-04-02", "2026-04-02")).toBe(0);
    expect(workingDaysBetween("2026-04-02", "2026-04-06")).toBe(0);
    expect(workingDaysBetween("2026-12-31", "2027-01-04")).toBe(1);
    expect(Object.is(workingDaysBetween("2026-03-08", "2026-03-07"), 0)).toBe(true); // not −0
  });

  it("workingDaysBetween undoes addWorkingDays, for any start day and count", () => {
    const day = fc.integer({ min: 0, max: 7 * 366 }).map((n) => toIso(new Date(2023, 0, 1 + n)));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), (from, n) => {
        const to = addWorkingDays(from, n);
        expect(workingDaysBetween(from, to)).toBe(n);
        expect(workingDaysBetween(to, from)).toBe(0 - n);
        if (n > 0) expect(isWorkingDay(to)).toBe(true);
      }),
    );
  });

  it("Atw art. 1: a term ending on Goede Vrijdag 2026 runs on to Tuesday 7 April", () => {
    expect(extendToWorkingDay("2026-04-03")).toBe("2026-04-07");
    expect(extendToWorkingDay("2026-04-07")).toBe("2026-04-07");
  });

  it("refuses a negative or fractional count and a malformed date", () => {
    expect(() => addWorkingDays("2026-03-09", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-09", 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-02-30", 1)).toThrow("ongeldige datum '2026-02-30'");
    expect(() => isWorkingDay("9 maart 2026")).toThrow(RangeError);
    expect(() => workingDaysBetween("2026-03-09", "")).toThrow(RangeError);
  });
});
