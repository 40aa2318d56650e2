// The model and the audit on a real (small, synthetic) warehouse: every count of a gated table is a
// sum of base cells; a table protected by the seal passes the LP audit; one extra total published
// past the gate makes the audit fail and name the cell it gives away.
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {prepareBase} from "../../loaders/analysis/sql/base.ts";
import {modelContext} from "../../loaders/analysis/site-build.ts";
import {periodSql, periodsOf, type IntakePeriod} from "../../loaders/analysis/slices.ts";
import {ingest} from "../../loaders/ingest/index.ts";
import {publish, PublicationRegistry} from "../../loaders/privacy/index.ts";
import {AuditError, sealRegistry, type SealOptions} from "../../loaders/privacy/seal.ts";
import {unsafe} from "../../loaders/privacy/audit.ts";
import {generate} from "../../loaders/synth/generate.ts";
import {openWarehouse, query, type Warehouse} from "../../loaders/warehouse.ts";
import {tempDir} from "../helpers/tmp.ts";

let wh: Warehouse;
let options: SealOptions;
let periods: IntakePeriod[];

beforeAll(async () => {
  const dir = tempDir("seal");
  await generate({enrolments: 1500, seed: 23, out: join(dir, "data")});
  const db = join(dir, "w.duckdb");
  await ingest({sources: [join(dir, "data")], db});
  wh = await openWarehouse(db);
  const base = await prepareBase(wh.connection);
  periods = await periodsOf(wh.connection, base.enrol);
  options = {
    enrol: base.enrol,
    phases: base.phases,
    dataDate: base.info.data_date,
    context: await modelContext(wh.connection, periods)
  };
});
afterAll(() => wh?.close());

/** Enrolments by intake period × mentor group (every combination), the classic two-way table. */
async function periodByGroup() {
  const base = await prepareBase(wh.connection);
  return query<{period: string; scheme_type: string; n: number}>(
    wh.connection,
    `
    WITH g AS (SELECT unnest(['none', 'peer', 'adult_volunteer', 'professional', 'group', 'workplace']) AS scheme_type),
    p AS (SELECT DISTINCT ${periodSql(periods)} AS period FROM ${base.enrol}),
    c AS (SELECT ${periodSql(periods)} AS period, coalesce(scheme_type, 'none') AS scheme_type, count(*) AS n FROM ${base.enrol} GROUP BY ALL)
    SELECT p.period, g.scheme_type, CAST(coalesce(c.n, 0) AS INTEGER) AS n FROM p CROSS JOIN g LEFT JOIN c USING (period, scheme_type) ORDER BY ALL`
  );
}

const spec = (registry: PublicationRegistry, table = "by_period") => ({
  table,
  registry,
  dimensions: ["period", "scheme_type"],
  counts: [{column: "n", measure: "enrolments"}]
});

describe("protection rule", () => {
  it("exact, narrow and safe intervals", () => {
    expect(unsafe(3, 3, 3, true, 5)).toBe("exact");
    expect(unsafe(40, 40, 40, false, 5)).toBe("exact");
    expect(unsafe(2, 1, 3, true, 5)).toBe("narrow"); // inside [1, 4]
    expect(unsafe(2, 0, 3, true, 5)).toBe("narrow"); // only 4 values
    expect(unsafe(2, 0, 4, true, 5)).toBeNull(); // 0 … 4: five values, 0 included
    expect(unsafe(2, 1, 5, true, 5)).toBeNull(); // five values, reaches past 4
    expect(unsafe(40, 39, 41, false, 5)).toBeNull(); // a complementary cell need only be uncertain
  });
});

describe("seal and audit on a real warehouse", () => {
  it("a model that does not add up is refused", async () => {
    const registry = new PublicationRegistry();
    const rows = await periodByGroup();
    publish(
      rows.map((r, i) => (i === 0 ? {...r, n: r.n + 1} : r)),
      spec(registry)
    );
    await expect(sealRegistry(wh.connection, registry, options)).rejects.toThrow(/the model sums to/);
  });

  it("a gated table with its margins passes; one extra total published past the gate fails, naming the cell", async () => {
    const registry = new PublicationRegistry();
    const rows = await periodByGroup();
    const small = rows.filter((r) => r.n > 0 && r.n < 5);
    expect(small.length, "the sparse set has small cells to protect").toBeGreaterThan(0);
    const table = publish(rows, spec(registry));
    // margins: per period and per group (the gate links them to the table's cells)
    const margin = (key: "period" | "scheme_type") =>
      [...new Set(rows.map((r) => r[key]))].map((v) => ({
        [key]: v,
        n: rows.filter((r) => r[key] === v).reduce((a, r) => a + r.n, 0)
      }));
    publish(margin("period"), {
      table: "by_period_total",
      registry,
      dimensions: ["period"],
      counts: [{column: "n", measure: "enrolments"}]
    });
    publish(margin("scheme_type"), {
      table: "by_group_total",
      registry,
      dimensions: ["scheme_type"],
      counts: [{column: "n", measure: "enrolments"}]
    });
    const report = await sealRegistry(wh.connection, registry, options);
    expect(report.hiddenAfter).toBeGreaterThanOrEqual(small.length);
    // every small cell is hidden in the published rows
    for (const r of table)
      if ((r.n ?? 0) > 0 && rows.find((x) => x.period === r.period && x.scheme_type === r.scheme_type)!.n < 5)
        expect(r.n).toBeNull();

    // The leak: the same students under another name, published past the gate — the day-0 number at risk
    // of the victim's retention curve (attack class "same people, different names").
    const intake = ["peer", "adult_volunteer", "professional", "group"];
    const victim = table.find(
      (r) =>
        r.n === null &&
        intake.includes(r.scheme_type) &&
        rows.find((x) => x.period === r.period && x.scheme_type === r.scheme_type)!.n > 0
    )!;
    expect(victim, "a hidden cell of an intake scheme type").toBeDefined();
    const truth = rows.find((x) => x.period === victim.period && x.scheme_type === victim.scheme_type)!.n;
    const dims = {period: victim.period, mentor: "with", scheme_type: victim.scheme_type};
    registry.add({
      measure: "curve_at_risk:intake:0",
      dims,
      dimset: "mentor,period,scheme_type",
      key: `mentor=with\u0001period=${victim.period}\u0001scheme_type=${victim.scheme_type}`,
      value: truth,
      suppressed: false,
      places: [],
      current: false,
      partial: []
    });
    const audit = sealRegistry(wh.connection, registry, {...options, repair: false});
    await expect(audit).rejects.toThrow(AuditError);
    await expect(audit).rejects.toThrow(new RegExp(`scheme_type=${victim.scheme_type}`));
  });

  it("publishes again what the repair hid and does not protect anything (release), and what is left passes the audit", async () => {
    const sealed = async (release?: number) => {
      const registry = new PublicationRegistry();
      const rows = await periodByGroup();
      publish(rows, spec(registry));
      // a second, overlapping table about the same students: intake mentor vs the rest, per period
      const bySide = [...new Set(rows.map((r) => r.period))].flatMap((period) =>
        (["with", "without"] as const).map((mentor) => ({
          period,
          mentor,
          n: rows
            .filter(
              (r) => r.period === period && (mentor === "with") === !["none", "workplace"].includes(r.scheme_type)
            )
            .reduce((a, r) => a + r.n, 0)
        }))
      );
      const side = publish(bySide, {
        table: "by_side",
        registry,
        dimensions: ["period", "mentor"],
        counts: [{column: "n", measure: "enrolments"}]
      });
      // as if an over-eager repair had hidden the whole second table (all of it 5+ students)
      for (const {id, cell} of [...registry.all()])
        if (cell.dimset === "mentor,period" && cell.value >= 5) registry.hide(id);
      const report = await sealRegistry(wh.connection, registry, {...options, release});
      return {registry, report, side};
    };
    const plain = await sealed();
    const released = await sealed(5);
    // more of the large cells are published again than the figures determine anyway (which the seal publishes in any
    // case), and none of them can be subtracted to a small one (audited below)
    const shown = (x: typeof plain) => x.side.filter((r) => r.n !== null).length;
    expect(shown(released)).toBeGreaterThan(shown(plain));
    expect(released.report.hiddenAfter).toBeLessThan(plain.report.hiddenAfter);
    // the registry as published after the release, audited again from scratch without any repair: nothing unsafe
    await expect(sealRegistry(wh.connection, released.registry, {...options, repair: false})).resolves.toMatchObject({
      hiddenAfter: expect.any(Number)
    });
  });
});

describe("no-shows in the privacy model", () => {
  /** No-shows (withdrew before the start) and students who started, by intake period: two tables about different students. */
  async function byPeriod() {
    const base = await prepareBase(wh.connection);
    const count = (table: string) =>
      query<{period: string; n: number}>(
        wh.connection,
        `SELECT ${periodSql(periods)} AS period, CAST(count(*) AS INTEGER) AS n FROM ${table} GROUP BY ALL ORDER BY ALL`
      );
    return {base, noShows: await count(base.noShows), started: await count(base.enrol)};
  }

  it("a no-show count is a sum over the no-shows only, and the students' counts leave them out", async () => {
    const {base, noShows, started} = await byPeriod();
    expect(
      noShows.reduce((a, r) => a + r.n, 0),
      "the sample has no-shows"
    ).toBeGreaterThan(0);
    const registry = new PublicationRegistry();
    publish(noShows, {
      table: "no_shows",
      registry,
      dimensions: ["period"],
      counts: [{column: "n", measure: "no_shows"}]
    });
    publish(started, {
      table: "started",
      registry,
      dimensions: ["period"],
      counts: [{column: "n", measure: "enrolments"}]
    });
    // the model checks every published value against its sum over the atoms: both tables add up
    const report = await sealRegistry(wh.connection, registry, {...options, noShows: base.noShows});
    expect(report.hiddenAfter).toBeGreaterThanOrEqual(noShows.filter((r) => r.n > 0 && r.n < 5).length);
    // without the no-show atoms the no-show count cannot be modelled
    const again = new PublicationRegistry();
    publish(noShows, {
      table: "no_shows",
      registry: again,
      dimensions: ["period"],
      counts: [{column: "n", measure: "no_shows"}]
    });
    await expect(sealRegistry(wh.connection, again, options)).rejects.toThrow(/the model sums to/);
  });

  it("counting no-shows among the students does not add up (the model keeps them apart)", async () => {
    const {base, noShows, started} = await byPeriod();
    const registry = new PublicationRegistry();
    const withNoShows = started.map((r) => ({...r, n: r.n + (noShows.find((x) => x.period === r.period)?.n ?? 0)}));
    publish(withNoShows, {
      table: "admitted",
      registry,
      dimensions: ["period"],
      counts: [{column: "n", measure: "enrolments"}]
    });
    await expect(sealRegistry(wh.connection, registry, {...options, noShows: base.noShows})).rejects.toThrow(
      /the model sums to/
    );
  });
});
