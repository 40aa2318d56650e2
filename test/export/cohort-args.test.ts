// The --cohort syntax: parsing, canonical form, and clear errors that list what is allowed.
import {execFileSync} from "node:child_process";
import {describe, expect, it} from "vitest";
import {
  CohortSyntaxError,
  formatCohort,
  parseCohort,
  parseCovariates,
  parsePeriods,
  periodBreaks,
  validateCohort
} from "../../loaders/export/cohort-args.ts";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";

describe("--cohort parsing", () => {
  it("maps every filter onto CohortFilters", () => {
    const {filters, canonical} = parseCohort(
      "years=2015-2019; programme=eud,EUX; area=teknologi,Kontor, handel og forretningsservice; institution=I01,I02; scheme=peer,group; mentor=yes; age=17-19,25+; gender=female; prior=under_4,4_to_6"
    );
    expect(filters).toEqual({
      intakeYears: [2015, 2019],
      programmes: ["EUD", "EUX"],
      mainAreas: ["Teknologi, byggeri og transport", "Kontor, handel og forretningsservice"],
      institutions: ["I01", "I02"],
      schemeTypes: ["peer", "group"],
      mentor: true,
      ageBands: ["17-19", "25+"],
      genders: ["female"],
      priorBands: ["under_4", "4_to_6"]
    });
    expect(canonical).toBe(
      "years=2015-2019;programme=EUD,EUX;area=teknologi,kontor;institution=I01,I02;scheme=peer,group;mentor=yes;age=17-19,25+;gender=female;prior=under_4,4_to_6"
    );
    expect(parseCohort(canonical).filters).toEqual(filters);
  });

  it("accepts aliases, a single year, mentor=no and the whole warehouse", () => {
    expect(parseCohort("year=2017;mentor=nej;main_area=none").filters).toEqual({
      intakeYears: [2017, 2017],
      mentor: false,
      mainAreas: ["none"]
    });
    expect(parseCohort("").filters).toEqual({});
    expect(parseCohort("all")).toEqual({filters: {}, canonical: "all"});
    expect(parseCohort(undefined).canonical).toBe("all");
    expect(formatCohort({intakeYears: [2016, 2016]})).toBe("years=2016");
  });

  it("rejects unknown filters, listing the known ones", () => {
    expect(() => parseCohort("programm=EUD")).toThrow(CohortSyntaxError);
    expect(() => parseCohort("programm=EUD")).toThrow(
      /Unknown cohort filter "programm"\. Known filters: years .*programme .*area .*institution .*scheme .*mentor .*age .*gender .*prior/
    );
    expect(() => parseCohort("EUD")).toThrow(/expected key=value/);
    expect(() => parseCohort("programme=EUD;programme=STX")).toThrow(/given twice/);
    expect(() => parseCohort("years=2019-2015")).toThrow(/empty/);
    expect(() => parseCohort("years=last")).toThrow(/expected a year/);
    expect(() => parseCohort("mentor=maybe")).toThrow(/Allowed: yes, no/);
    expect(() => parseCohort("gender=")).toThrow(/no value given/);
  });

  it("rejects unknown values through validateFilters, worded with the --cohort key and listing the allowed values", async () => {
    await expect(validateCohort(parseCohort("programme=EUDX").filters)).rejects.toThrow(
      '--cohort programme: unknown value(s) "EUDX". Allowed: "EUD", "EUX", "STX", "HHX", "HTX", "HF", "10K", "FGU"'
    );
    await expect(validateCohort(parseCohort("age=18").filters)).rejects.toThrow(
      /--cohort age: unknown value\(s\) "18"\. Allowed: "15-16", "17-19", "20-24", "25\+"/
    );
    await expect(validateCohort(parseCohort("area=sundhed").filters)).rejects.toThrow(
      /--cohort area: .*"sundhed".*short codes: omsorg = Omsorg, sundhed og pædagogik/
    );
    await expect(validateCohort(parseCohort("scheme=mentor").filters)).rejects.toThrow(
      /--cohort scheme: .*Allowed: "peer", "adult_volunteer", "professional", "group", "workplace"/
    );
    await expect(validateCohort(parseCohort("prior=high").filters)).rejects.toThrow(
      /--cohort prior: .*"8_plus", "unknown"/
    );
    await expect(validateCohort(parseCohort("gender=f").filters)).rejects.toThrow(
      /--cohort gender: .*"female", "male", "other"/
    );
    await expect(validateCohort(parseCohort("years=2015-2016;programme=STX").filters)).resolves.toEqual({
      intakeYears: [2015, 2016],
      programmes: ["STX"]
    });
  });

  it("parses --strata/--covariates and --periods", () => {
    expect(parseCovariates("programme, age , prior")).toEqual(["programme", "age_band", "prior_band"]);
    expect(parseCovariates("none")).toEqual([]);
    expect(() => parseCovariates("shoe_size", [], "--strata")).toThrow(
      /--strata: unknown covariate "shoe_size"\. Allowed: intake_year, programme, programme_group, main_area, institution_id, age_band, gender, prior_band/
    );
    expect(parsePeriods("91")).toEqual({days: 91});
    expect(periodBreaks({days: 91}, 300)).toEqual([0, 91, 182, 273]);
    expect(parsePeriods("0,42,91")).toEqual({breaks: [0, 42, 91]});
    expect(() => parsePeriods("42,91")).toThrow(/first breakpoint must be 0/);
    expect(() => parsePeriods("0,91,42")).toThrow(/must increase/);
    expect(() => parsePeriods("3")).toThrow(/--periods/);
  });

  it("the command line prints the error and exits with status 2", () => {
    let status = 0;
    let stderr = "";
    try {
      execFileSync(
        "npx",
        [
          "tsx",
          "loaders/cli/export.ts",
          "--cohort",
          "years=2015;colour=blue",
          "--out",
          "/nonexistent/x",
          "--db",
          "/nonexistent/w.duckdb"
        ],
        {cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"]}
      );
    } catch (error) {
      status = (error as {status: number}).status;
      stderr = (error as {stderr: string}).stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/Error: Unknown cohort filter "colour"\. Known filters: years/);
  });
});
