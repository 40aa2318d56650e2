/**
 * npm run export -- --cohort "years=2015-2019;programme=EUD,EUX;mentor=yes" --out DIR
 *                   [--format csv|parquet] [--db PATH] [--strata a,b] [--covariates a,b] [--periods N|0,42,91,…]
 *                   [--microdata] [--overwrite]
 *
 * Researcher export of one cohort: aggregated tables through the privacy gate,
 * their SQL, a codebook and provenance.json (loaders/export/README.md).
 * --microdata also writes pseudonymised enrolment-level rows, and only when
 * the environment variable MENTOR_DUA names the data-use agreement.
 */
import {exportCohort, CohortSyntaxError, ExportRefused} from "../export/index.ts";
import {personPeriodWarning} from "../export/tables.ts";
import {
  COHORT_KEYS,
  COVARIATES,
  DEFAULT_COVARIATES,
  DEFAULT_PERIODS,
  DEFAULT_STRATA,
  parseCohort,
  parseFormat
} from "../export/cohort-args.ts";
import {chooseWarehouse, parseArgs, runMain, UsageError} from "./args.ts";

const USAGE = `Usage: npm run export -- --out DIR [--cohort FILTERS] [--format csv|parquet] [--db PATH]
                          [--strata LIST] [--covariates LIST] [--periods N|B0,B1,…] [--microdata] [--overwrite]

--cohort   key=value parts separated by ";", lists by "," (default: everyone), e.g.
           --cohort "years=2015-2019;programme=EUD,EUX;mentor=yes"
${COHORT_KEYS.map((k) => `             ${k.key.padEnd(12)}${k.help}`).join("\n")}
--strata      cells of outcomes (default ${DEFAULT_STRATA.join(",")})
--covariates  cells of person_period (default ${DEFAULT_COVARIATES.join(",")})
              allowed in both: ${COVARIATES.join(", ")}, or none (scheme type is always included)
--periods     person-period periods: N (equal periods of N days) or breakpoints in days from intake
              (default ${DEFAULT_PERIODS.join(",")})
--microdata   pseudonymised enrolment-level rows; requires MENTOR_DUA="<name of the data-use agreement>"`;

runMain(async () => {
  const {options, positional} = parseArgs(process.argv.slice(2), {
    values: ["cohort", "out", "format", "db", "strata", "covariates", "periods"],
    flags: ["microdata", "overwrite", "help"]
  });
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (positional.length) throw new UsageError(`Unexpected argument(s): ${positional.join(" ")}\n${USAGE}`);
  if (typeof options.out !== "string") throw new UsageError(`--out DIR is required.\n${USAGE}`);
  try {
    const format = parseFormat(typeof options.format === "string" ? options.format : undefined);
    // the command line's own mistakes first (the cohort's syntax), then the warehouse
    parseCohort(typeof options.cohort === "string" ? options.cohort : undefined);
    const {db} = chooseWarehouse(options.db);
    const result = await exportCohort({
      out: options.out,
      cohort: typeof options.cohort === "string" ? options.cohort : undefined,
      format,
      db,
      strata: typeof options.strata === "string" ? options.strata : undefined,
      covariates: typeof options.covariates === "string" ? options.covariates : undefined,
      periods: typeof options.periods === "string" ? options.periods : undefined,
      microdata: options.microdata === true,
      overwrite: options.overwrite === true
    });
    const cohort = (result.provenance.cohort as {canonical: string}).canonical;
    console.error(`export: cohort ${cohort} → ${result.out}`);
    for (const f of result.files)
      if (!f.file.startsWith("sql/")) console.error(`  ${f.file.padEnd(26)} ${f.rows ? `${f.rows} rows` : ""}`);
    const hidden = Object.entries(result.suppressed)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${t} ${n}`);
    if (hidden.length) console.error(`  hidden by the privacy gate (values): ${hidden.join(", ")}`);
    for (const o of result.omitted) console.error(`  left out: ${o}`);
    const audit = (result.provenance.privacy as {audit?: {site: boolean; earlier_exports: number} | null}).audit;
    if (audit && !audit.site) {
      console.error(
        "  note: no site has been built from this warehouse's data yet (no <warehouse>.site-cells.json), so the export was audited against earlier exports only; " +
          "a site built later is audited against this export."
      );
    }
    const warning = personPeriodWarning(result.personPeriodHidden);
    if (warning) console.error(`  warning: ${warning}`);
    if (options.microdata)
      console.error(
        `  microdata.* holds pseudonymised personal data under the agreement "${process.env.MENTOR_DUA}" — see provenance.json`
      );
  } catch (error) {
    if (error instanceof CohortSyntaxError || error instanceof ExportRefused) throw new UsageError(error.message);
    const name = (error as Error)?.constructor?.name;
    if (name === "MicrodataRefused" || name === "FilterError") throw new UsageError((error as Error).message);
    throw error;
  }
});
