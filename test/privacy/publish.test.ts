// Unit tests of the privacy gate on small tables with known suppression patterns.
import {afterEach, describe, expect, it} from "vitest";
import {coarsenCurve, minCell, publish, PrivacyError, PublicationRegistry} from "../../loaders/privacy/index.ts";

const byProgramme = [
  {programme: "all", n: 120, dropped: 30, rate: 0.25},
  {programme: "EUD", n: 60, dropped: 20, rate: 1 / 3},
  {programme: "STX", n: 50, dropped: 8, rate: 0.16},
  {programme: "10K", n: 10, dropped: 2, rate: 0.2}
];
const programmeSpec = {
  table: "by_programme",
  dimensions: ["programme"],
  totals: {programme: "all"},
  counts: [
    {column: "n", measure: "enrolments"},
    {column: "dropped", measure: "dropouts", of: "n"}
  ],
  derived: {rate: ["n", "dropped"]}
};

afterEach(() => {
  delete process.env.MENTOR_MIN_CELL;
});

describe("refusing row-level data", () => {
  it("refuses columns named like identifiers", () => {
    for (const column of ["student_key", "enrolment_id", "mentorship_id", "cpr", "hashed_student_key"]) {
      expect(() => publish([{[column]: "x", n: 10}], {table: "t", labels: [column], counts: [{column: "n"}]})).toThrow(
        PrivacyError
      );
    }
    expect(() =>
      publish([{enrolment_id: "E1", value: 1}], {kind: "reference", table: "t", labels: ["enrolment_id", "value"]})
    ).toThrow(/identifier/);
  });

  it("refuses rows without their counts (not an aggregate)", () => {
    expect(() =>
      publish([{programme: "EUD", n: 10}, {programme: "STX"}], {
        table: "t",
        dimensions: ["programme"],
        counts: [{column: "n"}]
      })
    ).toThrow(/row 1 has n = undefined/);
    expect(() =>
      publish([{programme: "EUD", n: 2.5}], {table: "t", dimensions: ["programme"], counts: [{column: "n"}]})
    ).toThrow(/non-negative integers/);
    expect(() =>
      publish([{programme: "EUD", n: null}], {table: "t", dimensions: ["programme"], counts: [{column: "n"}]})
    ).toThrow(PrivacyError);
  });

  it("refuses undeclared columns and tables without counts", () => {
    expect(() =>
      publish([{programme: "EUD", n: 10, age: 17}], {table: "t", dimensions: ["programme"], counts: [{column: "n"}]})
    ).toThrow(/undeclared column\(s\) age/);
    expect(() => publish([{programme: "EUD"}], {table: "t", dimensions: ["programme"], counts: []})).toThrow(
      /at least one count/
    );
  });
});

describe("primary suppression", () => {
  it("hides counts of 1–4 and everything derived from them, and marks them", () => {
    const out = publish(byProgramme, programmeSpec);
    const k10 = out.find((r) => r.programme === "10K")!;
    expect(k10.dropped).toBeNull();
    expect(k10.rate).toBeNull();
    expect(k10.n).toBe(10);
    expect(k10.suppressed).toEqual(expect.arrayContaining(["dropped", "rate"]));
    // the input is not modified
    expect(byProgramme[3].dropped).toBe(2);
  });

  it("hides a count whose complement within its denominator is small", () => {
    const out = publish(
      [
        {g: "a", n: 40, completed: 37},
        {g: "b", n: 40, completed: 20}
      ],
      {
        table: "t",
        dimensions: ["g"],
        counts: [{column: "n"}, {column: "completed", of: "n"}]
      }
    );
    expect(out[0].completed).toBeNull();
    expect(out[1].completed).toBe(20);
  });

  it("publishes zeros", () => {
    const out = publish([{g: "a", n: 40, dropped: 0}], {
      table: "t",
      dimensions: ["g"],
      counts: [{column: "n"}, {column: "dropped", of: "n"}]
    });
    expect(out[0].dropped).toBe(0);
    expect(out[0].suppressed).toBeUndefined();
  });

  it("takes the threshold from the option, MENTOR_MIN_CELL, or 5", () => {
    const rows = [
      {g: "a", n: 40, dropped: 3},
      {g: "b", n: 40, dropped: 4}
    ];
    const spec = {table: "t", dimensions: ["g"], counts: [{column: "n"}, {column: "dropped", of: "n"}]};
    expect(minCell()).toBe(5);
    expect(publish(rows, spec).map((r) => r.dropped)).toEqual([null, null]);
    expect(publish(rows, {...spec, minCell: 3}).map((r) => r.dropped)).toEqual([3, 4]);
    process.env.MENTOR_MIN_CELL = "4";
    expect(publish(rows, spec).map((r) => r.dropped)).toEqual([null, 4]);
    process.env.MENTOR_MIN_CELL = "one";
    expect(() => publish(rows, spec)).toThrow(/MENTOR_MIN_CELL/);
  });
});

describe("complementary suppression", () => {
  it("with a total row and one hidden cell, hides the next-smallest cell in the margin", () => {
    const out = publish(byProgramme, programmeSpec);
    const dropped = Object.fromEntries(out.map((r) => [r.programme, r.dropped]));
    // 10K (2) is primary; STX (8) is the next smallest of the margin EUD, STX, 10K.
    expect(dropped).toEqual({all: 30, EUD: 20, STX: null, "10K": null});
    expect(out.find((r) => r.programme === "STX")!.rate).toBeNull();
    // n had nothing hidden
    expect(out.every((r) => r.n !== null)).toBe(true);
  });

  it("protects both margins of a two-way table with totals", () => {
    const cells = [
      ["A", "x", 30],
      ["A", "y", 3],
      ["A", "z", 40],
      ["B", "x", 25],
      ["B", "y", 20],
      ["B", "z", 35],
      ["C", "x", 50],
      ["C", "y", 22],
      ["C", "z", 18]
    ] as const;
    const rows: {row: string; col: string; n: number}[] = cells.map(([r, c, n]) => ({row: r, col: c, n}));
    for (const r of ["A", "B", "C"])
      rows.push({row: r, col: "all", n: cells.filter((x) => x[0] === r).reduce((a: number, x) => a + x[2], 0)});
    for (const c of ["x", "y", "z"])
      rows.push({row: "all", col: c, n: cells.filter((x) => x[1] === c).reduce((a: number, x) => a + x[2], 0)});
    rows.push({row: "all", col: "all", n: cells.reduce((a: number, x) => a + x[2], 0)});
    const out = publish(rows, {
      table: "two_way",
      dimensions: ["row", "col"],
      totals: {row: "all", col: "all"},
      counts: [{column: "n", measure: "m"}]
    });
    const hidden = out
      .filter((r) => r.n === null)
      .map((r) => `${r.row}${r.col}`)
      .sort();
    expect(hidden).toContain("Ay");
    // every row and column (incl. totals) has 0 or ≥ 2 hidden cells — nothing recoverable by subtraction
    const groups = new Map<string, number>();
    for (const r of out) {
      if (r.n !== null) continue;
      groups.set(`row:${r.row}`, (groups.get(`row:${r.row}`) ?? 0) + 1);
      groups.set(`col:${r.col}`, (groups.get(`col:${r.col}`) ?? 0) + 1);
    }
    for (const [g, count] of groups) expect(count, g).not.toBe(1);
    // interior cells only: with the totals published, each margin needs a second hidden cell
    expect(hidden.length).toBeGreaterThanOrEqual(4);
  });

  it("stops the subtraction attack across two tables published at different granularities", () => {
    const registry = new PublicationRegistry();
    // Table 1: enrolments by institution (published first).
    const t1 = publish(
      [
        {institution: "I01", n: 200},
        {institution: "I02", n: 150}
      ],
      {table: "by_institution", dimensions: ["institution"], counts: [{column: "n", measure: "enrolments"}], registry}
    );
    expect(t1.map((r) => r.n)).toEqual([200, 150]);
    // Table 2: enrolments by institution × mentor status, no total rows of its own.
    const t2 = publish(
      [
        {institution: "I01", mentor: "with", n: 3},
        {institution: "I01", mentor: "without", n: 197},
        {institution: "I02", mentor: "with", n: 40},
        {institution: "I02", mentor: "without", n: 110}
      ],
      {
        table: "by_institution_mentor",
        dimensions: ["institution", "mentor"],
        counts: [{column: "n", measure: "enrolments"}],
        registry
      }
    );
    const n = Object.fromEntries(t2.map((r) => [`${r.institution}/${r.mentor}`, r.n]));
    // Without the registry, 200 − 197 would reveal the 3.
    expect(n["I01/with"]).toBeNull();
    expect(n["I01/without"]).toBeNull();
    expect(n["I02/with"]).toBe(40);
    expect(n["I02/without"]).toBe(110);
    // Same table without the registry: nothing to subtract from, only the primary cell goes.
    const alone = publish(
      [
        {institution: "I01", mentor: "with", n: 3},
        {institution: "I01", mentor: "without", n: 197}
      ],
      {table: "alone", dimensions: ["institution", "mentor"], counts: [{column: "n", measure: "enrolments"}]}
    );
    expect(alone.map((r) => r.n)).toEqual([null, 197]);
  });

  it("hides the total in the later table when the fine table was published first", () => {
    const registry = new PublicationRegistry();
    publish(
      [
        {programme: "EUD", n: 3},
        {programme: "STX", n: 90}
      ],
      {table: "fine", dimensions: ["programme"], counts: [{column: "n", measure: "enrolments"}], registry}
    );
    // The fine table alone keeps STX (no total). Publishing the total now would reveal EUD = 93 − 90.
    const total = publish([{n: 93}], {table: "total", counts: [{column: "n", measure: "enrolments"}], registry});
    expect(total[0].n).toBeNull();
    expect(total[0].suppressed).toEqual(["n"]);
  });

  it("treats count columns with `at` as a partition (outcome columns summing to n)", () => {
    const out = publish(
      [
        {year: 2019, n: 50, completed: 30, dropped: 17, transferred: 3},
        {year: 2020, n: 60, completed: 40, dropped: 12, transferred: 8}
      ],
      {
        table: "status",
        dimensions: ["year"],
        counts: [
          {column: "n", measure: "enrolments"},
          ...["completed", "dropped", "transferred"].map((o) => ({
            column: o,
            measure: "enrolments",
            at: {outcome: o},
            of: "n"
          }))
        ]
      }
    );
    // 2019: transferred 3 is primary; n − completed − dropped would reveal it, so the next smallest (dropped 17) goes too.
    expect(out[0]).toMatchObject({n: 50, completed: 30, dropped: null, transferred: null});
    expect(out[1]).toMatchObject({n: 60, completed: 40, dropped: 12, transferred: 8});
  });

  it("links tables through row-dependent measures and dimensions (status counts vs dropout 'ever')", () => {
    const registry = new PublicationRegistry();
    // Cohort cells: status at the data date by programme.
    publish(
      [
        {programme: "EUD", n: 100, dropped: 30},
        {programme: "STX", n: 100, dropped: 10}
      ],
      {
        table: "cells",
        dimensions: ["programme"],
        counts: [
          {column: "n", measure: "enrolments"},
          {column: "dropped", measure: "enrolments", at: {outcome: "dropped"}, of: "n"}
        ],
        registry
      }
    );
    // Mentor comparison "ever" for a complete group: the same counts split by mentor status.
    const out = publish([{programme: "EUD", n_with: 20, x_with: 3, n_without: 80, x_without: 27}], {
      table: "comparison",
      dimensions: ["programme"],
      registry,
      partial: ["outcome"],
      counts: [
        {column: "n_with", measure: "enrolments", at: {mentor: "with"}},
        {column: "n_without", measure: "enrolments", at: {mentor: "without"}},
        {column: "x_with", measure: "enrolments", at: () => ({mentor: "with", outcome: "dropped"}), of: "n_with"},
        {
          column: "x_without",
          measure: "enrolments",
          at: () => ({mentor: "without", outcome: "dropped"}),
          of: "n_without"
        }
      ]
    });
    // 30 − 27 would reveal the 3.
    expect(out[0].x_with).toBeNull();
    expect(out[0].x_without).toBeNull();
    expect(out[0].n_with).toBe(20);
  });

  it("hides every copy of a cell that appears in several rows", () => {
    const out = publish(
      [
        {horizon: "1y", measure: "dropout", g: "a", n: 3, x: 0},
        {horizon: "1y", measure: "completion", g: "a", n: 3, x: 0}
      ],
      {
        table: "dup",
        labels: ["horizon", "measure"],
        dimensions: ["g"],
        counts: [
          {column: "n", measure: (r) => `enrolments@${r.horizon}`},
          {column: "x", measure: (r) => `${r.measure}@${r.horizon}`, of: "n"}
        ]
      }
    );
    expect(out.map((r) => r.n)).toEqual([null, null]);
  });
});

describe("keep", () => {
  const spec = (keep?: string[]) => ({
    table: "status",
    keep,
    counts: [
      {column: "n", measure: "enrolments"},
      ...["completed", "dropped", "transferred", "ongoing"].map((o) => ({
        column: o,
        measure: "enrolments",
        at: {outcome: o},
        of: "n"
      }))
    ]
  });
  const row = {n: 89, completed: 50, dropped: 35, transferred: 4, ongoing: 0};

  it("hides the next-smallest cell by default, and a kept column only when nothing else can go", () => {
    expect(publish([row], spec())[0]).toMatchObject({dropped: null, transferred: null, completed: 50});
    const kept = publish([row], spec(["dropped"]))[0];
    expect(kept).toMatchObject({dropped: 35, transferred: null, completed: null, n: 89});
    // still protected: two unknowns in n = completed + dropped + transferred + ongoing
    expect([kept.completed, kept.transferred].filter((v) => v === null)).toHaveLength(2);
    // a non-kept zero goes before a kept figure; when every candidate is kept, the smallest non-zero goes
    expect(publish([row], spec(["dropped", "completed"]))[0]).toMatchObject({
      dropped: 35,
      completed: 50,
      transferred: null,
      ongoing: null
    });
    expect(publish([row], spec(["dropped", "completed", "ongoing"]))[0]).toMatchObject({
      dropped: null,
      completed: 50,
      transferred: null,
      ongoing: 0
    });
  });
});

describe("curves", () => {
  const km = (events: number[], atRisk0 = 100) => {
    let atRisk = atRisk0;
    let s = 1;
    return events.map((e, i) => {
      const row = {grp: "a", time: i + 1, events: e, at_risk: atRisk, survival: (s *= 1 - e / atRisk)};
      atRisk -= e;
      return row;
    });
  };

  it("publishes points only after 0 or ≥ minCell events, while ≥ minCell are at risk, and drops event counts", () => {
    const rows = km([1, 1, 1, 2, 0, 0, 6, 1, 1, 1, 1, 1, 1]);
    const out = coarsenCurve(rows, {
      kind: "curve",
      table: "c",
      group: ["grp"],
      time: "time",
      events: "events",
      atRisk: "at_risk",
      values: ["survival"]
    });
    expect(out[0]).toMatchObject({time: 0, survival: 1, at_risk: 100});
    expect(out.every((p) => !("events" in p))).toBe(true);
    // consecutive published points differ by 0 or ≥ 5 events
    for (let i = 1; i < out.length; i++) {
      const dropped = Math.round((out[i - 1].at_risk as number) - (out[i].at_risk as number));
      const steps = rows
        .filter((r) => r.time > (out[i - 1].time as number) && r.time <= (out[i].time as number))
        .reduce((a, r) => a + r.events, 0);
      expect(steps === 0 || steps >= 5, `points ${i - 1}→${i}: ${steps} events (${dropped})`).toBe(true);
    }
  });

  it("stops when fewer than minCell are at risk and caps the number of points", () => {
    const rows = km(
      new Array(1000).fill(0).map((_, i) => (i % 2 ? 1 : 0)),
      600
    );
    const out = publish(rows, {
      kind: "curve",
      table: "c",
      group: ["grp"],
      time: "time",
      events: "events",
      atRisk: "at_risk",
      values: ["survival"],
      maxPoints: 50
    });
    expect(out.length).toBeLessThanOrEqual(52);
    expect(out.every((p) => (p.at_risk as number) >= 5)).toBe(true);
    const short = coarsenCurve(km([1, 1], 4), {
      kind: "curve",
      table: "c",
      group: ["grp"],
      time: "time",
      events: "events",
      atRisk: "at_risk",
      values: ["survival"]
    });
    expect(short).toEqual([]);
  });

  it("keeps a least gap between points that may grow with time, and rounds at-risk numbers to a base (never below minCell)", () => {
    const rows = km(
      new Array(400).fill(0).map((_, i) => (i % 3 === 0 ? 2 : 0)),
      2000
    );
    const gap = (t: number) => (t < 100 ? 7 : 30);
    const out = coarsenCurve(rows, {
      kind: "curve",
      table: "c",
      group: ["grp"],
      time: "time",
      events: "events",
      atRisk: "at_risk",
      values: ["survival"],
      minGap: gap,
      atRiskBase: 5
    });
    for (let i = 1; i < out.length; i++) {
      const [a, b] = [out[i - 1].time as number, out[i].time as number];
      expect(b - a, `${a}→${b}`).toBeGreaterThanOrEqual(gap(a));
    }
    expect(out.length).toBeGreaterThan(15);
    expect(out.every((p) => (p.at_risk as number) % 5 === 0)).toBe(true);
    const exact = new Map(rows.map((r) => [r.time, r.at_risk]));
    for (const p of out.slice(1))
      expect(Math.abs((p.at_risk as number) - exact.get(p.time as number)!)).toBeLessThanOrEqual(2.5);
    const small = coarsenCurve(km([0, 5, 0, 0], 6), {
      kind: "curve",
      table: "c",
      group: ["grp"],
      time: "time",
      events: "events",
      atRisk: "at_risk",
      values: ["survival"],
      atRiskBase: 10
    });
    expect(small[0].at_risk).toBe(10);
    expect(() =>
      coarsenCurve(rows, {
        kind: "curve",
        table: "c",
        group: ["grp"],
        time: "time",
        events: "events",
        atRisk: "at_risk",
        values: ["survival"],
        atRiskBase: 0
      })
    ).toThrow(/atRiskBase/);
  });
});
