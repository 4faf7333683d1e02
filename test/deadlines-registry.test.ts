import { describe, expect, it } from "vitest";
import {
  answerRequestDue,
  type DeadlineKind,
  deadlineFor,
  deadlineStatus,
  DEADLINE_RULES,
  dueBefore,
  reportStartDue,
  reportStopDue,
  startWithinWeeks,
} from "../src/registry/deadlines.ts";

/** The registry's deadlines: due dates from the rules, status on a day, and the work list. */

describe("Segment 1: start within 6 weeks after registration", () => {
  it("a Segment 1 registration on 2 November 2026 must start by 14 December 2026", () => {
    expect(startWithinWeeks("2026-11-02")).toBe("2026-12-14");
  });

  it("a registration on 18 January 2024 must start by leap day 29 February 2024", () => {
    expect(startWithinWeeks("2024-01-18")).toBe("2024-02-29");
  });

  it("a registration on 25 December 2023 must start by 5 February 2024, across the new year", () => {
    expect(startWithinWeeks("2023-12-25")).toBe("2024-02-05");
  });

  it("counts calendar weeks, not working days: a due date on a feestdag stays there", () => {
    // 6 weeks after Thursday 2 April 2026 is Hemelvaartsdag 14 May 2026.
    expect(startWithinWeeks("2026-04-02")).toBe("2026-05-14");
  });

  it("another number of weeks can be given", () => {
    expect(startWithinWeeks("2026-11-02", 4)).toBe("2026-11-30");
    expect(() => startWithinWeeks("2026-11-02", -1)).toThrow(RangeError);
    expect(() => startWithinWeeks("2 november 2026")).toThrow(RangeError);
  });
});

describe("iJw: 5 working days", () => {
  it("a request received on Thursday 2 April 2026 must be answered by Monday 13 April 2026 (Easter)", () => {
    expect(answerRequestDue("2026-04-02")).toBe("2026-04-13");
  });

  it("a request received on Wednesday 13 May 2026 must be answered by Friday 22 May 2026 (Hemelvaart and the Friday after)", () => {
    expect(answerRequestDue("2026-05-13")).toBe("2026-05-22");
  });

  it("a request received on a Saturday counts from the Monday: Saturday 7 March 2026 → Friday 13 March", () => {
    expect(answerRequestDue("2026-03-07")).toBe("2026-03-13");
  });

  it("care started on Thursday 24 December 2026 must be reported by Monday 4 January 2027", () => {
    expect(reportStartDue("2026-12-24")).toBe("2027-01-04");
  });

  it("care stopped on Tuesday 28 April 2026 must be reported by Wednesday 6 May 2026 (Bevrijdingsdag)", () => {
    expect(reportStopDue("2026-04-28")).toBe("2026-05-06");
  });

  it("care stopped on Friday 24 April 2026 must be reported by Monday 4 May 2026 (Koningsdag)", () => {
    expect(reportStopDue("2026-04-24")).toBe("2026-05-04");
  });
});

describe("a deadline as data", () => {
  it("carries its due date, Dutch label, consequence and source", () => {
    const d = deadlineFor("start-segment-1", { subjectId: "k-1", municipality: "0855", from: "2026-11-02" });
    expect(d).toEqual({
      kind: "start-segment-1",
      subjectId: "k-1",
      municipality: "0855",
      from: "2026-11-02",
      due: "2026-12-14",
      label: DEADLINE_RULES["start-segment-1"].label,
      consequence: "Start de zorg later, dan regelt de coalitie overbruggingszorg.",
      source: DEADLINE_RULES["start-segment-1"].source,
    });
    expect(d.source).toContain("000_cf04aec72be2986f.txt");
  });

  it("every kind has a label and a source, and computes its own due date", () => {
    const from = "2026-04-02";
    const due = {
      "start-segment-1": "2026-05-14",
      "antwoord-verzoek": "2026-04-13",
      "besluit-na-onderzoek": "2026-05-28",
      "retour-ontvangen": "2026-04-09",
      "melding-start": "2026-04-13",
      "melding-stop": "2026-04-13",
    } as const;
    for (const kind of Object.keys(DEADLINE_RULES) as (keyof typeof DEADLINE_RULES)[]) {
      const d = deadlineFor(kind, { subjectId: "k-1", municipality: "0855", from, doneOn: "2026-04-10" });
      expect(d.due).toBe(due[kind]);
      expect(d.doneOn).toBe("2026-04-10");
      expect(d.label.length).toBeGreaterThan(0);
      expect(d.source.length).toBeGreaterThan(0);
    }
  });
});

describe("the status of a deadline on a day", () => {
  const open = deadlineFor("antwoord-verzoek", {
    subjectId: "k-1",
    municipality: "0855",
    from: "2026-04-02",
  });

  it("is open up to and including the due date, and late from the day after", () => {
    expect(deadlineStatus(open, "2026-04-02")).toBe("open");
    expect(deadlineStatus(open, "2026-04-13")).toBe("open");
    expect(deadlineStatus(open, "2026-04-14")).toBe("te-laat");
  });

  it("is on time when done on the due date, and done late when done after it", () => {
    expect(deadlineStatus({ ...open, doneOn: "2026-04-13" }, "2026-06-01")).toBe("op-tijd");
    expect(deadlineStatus({ ...open, doneOn: "2026-04-03" }, "2026-04-03")).toBe("op-tijd");
    expect(deadlineStatus({ ...open, doneOn: "2026-04-14" }, "2026-04-14")).toBe("te-laat-afgerond");
  });
});

describe("the deadlines due before a date", () => {
  const make = (subjectId: string, kind: DeadlineKind, from: string, doneOn?: string) =>
    deadlineFor(kind, { subjectId, municipality: "0855", from, ...(doneOn ? { doneOn } : {}) });
  const list = [
    make("k-2", "melding-stop", "2026-04-24"), // due 2026-05-04
    make("k-1", "start-segment-1", "2026-03-23"), // due 2026-05-04
    make("k-1", "antwoord-verzoek", "2026-04-02", "2026-04-08"), // due 2026-04-13, done
    make("k-3", "melding-start", "2026-04-28"), // due 2026-05-06
  ];

  it("lists those due strictly before the date, by due date, then subject and kind", () => {
    expect(dueBefore(list, "2026-05-05").map((d) => `${d.due} ${d.subjectId} ${d.kind}`)).toEqual([
      "2026-04-13 k-1 antwoord-verzoek",
      "2026-05-04 k-1 start-segment-1",
      "2026-05-04 k-2 melding-stop",
    ]);
    expect(dueBefore(list, "2026-05-04").map((d) => d.due)).toEqual(["2026-04-13"]);
  });

  it("leaves the given list as it was", () => {
    const before = list.map((d) => d.subjectId);
    dueBefore(list, "2026-12-31");
    expect(list.map((d) => d.subjectId)).toEqual(before);
  });

  it("with deadlineStatus gives the work list of what is still open", () => {
    const todo = dueBefore(list, "2026-05-05").filter((d) => deadlineStatus(d, "2026-04-30") === "open");
    expect(todo.map((d) => d.subjectId)).toEqual(["k-1", "k-2"]);
  });
});
