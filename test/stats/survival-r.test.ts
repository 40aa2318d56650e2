/**
 * Random survival data (seeded; several groups, ties, censoring) analysed by
 * R survival::survfit / survdiff and by our functions; must agree to 1e-9
 * (relative). Skipped, with a note, when Rscript/survival is unavailable.
 */
import {describe, expect, it} from "vitest";
import {kaplanMeier, type ConfType} from "../../loaders/stats/kaplan-meier.ts";
import {logRank} from "../../loaders/stats/log-rank.ts";
import {hasR, noteIfNoR, runR, vec, type RJson} from "../r/r.ts";
import {expectAllClose, expectClose, randomSurvivalData, toCsv} from "./helpers.ts";

noteIfNoR("random survival data vs survfit/survdiff");
describe.skipIf(!hasR)("random data vs R survival", () => {
  const cases = [
    {seed: 1, n: 200, groups: ["A", "B"]},
    {seed: 42, n: 350, groups: ["A", "B", "C"]},
    {seed: 2024, n: 500, groups: ["g1", "g2", "g3", "g4"]}
  ];
  for (const {seed, n, groups} of cases) {
    it(`seed ${seed}, n = ${n}, ${groups.length} groups`, () => {
      const data = randomSurvivalData(seed, n, groups);
      const r = runR(
        `d <- read.csv(file.path(dir, "data.csv"), colClasses = c("numeric", "numeric", "character"))
out <- list()
for (g in sort(unique(d$grp))) for (ct in c("log", "log-log", "plain")) {
  f <- survfit(Surv(time, event) ~ 1, data = d[d$grp == g, ], conf.type = ct, conf.int = 0.9)
  out[[paste(g, ct, sep = "_")]] <- list(time = f$time, n = f$n.risk, d = f$n.event, c = f$n.censor,
    surv = f$surv, se = f$std.err * f$surv, lower = f$lower, upper = f$upper)
}
s <- survdiff(Surv(time, event) ~ grp, data = d)
out$test <- list(chisq = s$chisq, df = length(s$n) - 1, p = pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE),
  obs = s$obs, exp = s$exp, var = as.vector(s$var))
emit(out)`,
        {"data.csv": toCsv(data)}
      );
      for (const g of groups) {
        const idx = data.group.flatMap((x, i) => (x === g ? [i] : []));
        for (const conf of ["log", "log-log", "plain"] as ConfType[]) {
          const expected = r[`${g}_${conf}`] as RJson;
          const km = kaplanMeier(
            idx.map((i) => data.time[i]),
            idx.map((i) => data.event[i]),
            {conf, level: 0.9}
          );
          const label = `${g} ${conf}`;
          expect(
            km.map((x) => x.time),
            label
          ).toEqual(vec(expected, "time"));
          expect(
            km.map((x) => x.atRisk),
            label
          ).toEqual(vec(expected, "n"));
          expect(
            km.map((x) => x.events),
            label
          ).toEqual(vec(expected, "d"));
          expect(
            km.map((x) => x.censored),
            label
          ).toEqual(vec(expected, "c"));
          expectAllClose(
            km.map((x) => x.survival),
            vec(expected, "surv"),
            1e-9,
            1e-15,
            `${label} surv`
          );
          expectAllClose(
            km.map((x) => x.stdErr),
            vec(expected, "se"),
            1e-9,
            1e-15,
            `${label} se`
          );
          expectAllClose(
            km.map((x) => x.lower),
            vec(expected, "lower"),
            1e-9,
            1e-15,
            `${label} lower`
          );
          expectAllClose(
            km.map((x) => x.upper),
            vec(expected, "upper"),
            1e-9,
            1e-15,
            `${label} upper`
          );
        }
      }
      const test = r.test as RJson;
      const ours = logRank(data.time, data.event, data.group);
      expect(ours.groups).toEqual([...groups].sort());
      expect(ours.df).toBe(vec(test, "df")[0]);
      expectClose(ours.chiSquare, vec(test, "chisq")[0], 1e-9);
      expectClose(ours.pValue, vec(test, "p")[0], 1e-9, 1e-300);
      expect(ours.observed).toEqual(vec(test, "obs"));
      expectAllClose(ours.expected, vec(test, "exp"), 1e-9);
      expectAllClose(ours.variance.flat(), vec(test, "var"), 1e-9, 1e-12);
    });
  }
});
