import {DuckDBInstance} from "@duckdb/node-api";
const i = await DuckDBInstance.create(":memory:"); const c = await i.connect();
const dir = process.argv[2];
const q = async (s: string) => console.table((await c.runAndReadAll(s)).getRowObjectsJS());
await q(`SELECT set, "group", sum(events) ev, sum(censored) cens, max(at_risk) n, count(*) nrows FROM read_csv('${dir}/survival.csv') GROUP BY ALL`);
await q(`WITH p AS (SELECT *, lead(at_risk) OVER (PARTITION BY programme, main_area, age_band, gender, prior_band, scheme_type ORDER BY period) AS nxt,
  lead(period) OVER (PARTITION BY programme, main_area, age_band, gender, prior_band, scheme_type ORDER BY period) AS np FROM read_csv('${dir}/person_period.csv'))
  SELECT count(*) FILTER (WHERE np = period + 1 AND at_risk IS NOT NULL AND nxt IS NOT NULL AND events IS NOT NULL) AS pairs,
   count(*) FILTER (WHERE np = period + 1 AND at_risk - nxt - events BETWEEN 1 AND 4) AS small_exits,
   count(*) FILTER (WHERE np = period + 1 AND events IS NULL AND at_risk IS NOT NULL AND nxt IS NOT NULL AND at_risk - nxt BETWEEN 1 AND 4) AS bounded_hidden,
   count(*) FILTER (WHERE at_risk IS NOT NULL) AS published_at_risk FROM p`);
