// The key-finding sentences: numbers as the tables format them, intervals in
// words, harm detected from the interval, hidden values never used.
import {describe, expect, it} from "vitest";
import {da} from "../../src/i18n/da.ts";
import {en} from "../../src/i18n/en.ts";
import {formatters} from "../../src/i18n/format.ts";
import {LOCALES} from "../helpers/locales.ts";
import {
  cohortsFindings,
  direction,
  overallSentence,
  overviewFindings,
  rangeWords,
  schemesFindings,
  transitionsFindings,
  usable
} from "../../src/components/findings.ts";

const locales = LOCALES;
const fda = formatters("da", locales);
const fen = formatters("en", locales);
const t = da.findings;

describe("intervals in words", () => {
  it("says fewer, more or from–to with unsigned numbers in Danish format", () => {
    expect(rangeWords({lower: -0.065, upper: -0.016}, t, fda)).toBe("mellem 1,6 og 6,5 procentpoint færre");
    expect(rangeWords({lower: 0.005, upper: 0.04}, t, fda)).toBe("mellem 0,5 og 4,0 procentpoint flere");
    expect(rangeWords({lower: -0.02, upper: 0.031}, t, fda)).toBe(
      "fra 2,0 procentpoint færre til 3,1 procentpoint flere"
    );
    expect(rangeWords({lower: -0.065, upper: -0.016}, en.findings, fen)).toBe(
      "between 1.6 and 6.5 percentage points fewer"
    );
  });
  it("classifies by the whole interval", () => {
    expect(direction({lower: -0.1, upper: -0.001})).toBe("fewer");
    expect(direction({lower: 0.001, upper: 0.1})).toBe("more");
    expect(direction({lower: -0.1, upper: 0.1})).toBe("unclear");
  });
  it("refuses hidden or missing estimates", () => {
    expect(usable({estimate: -0.04, lower: -0.06, upper: -0.02})).toBe(true);
    expect(usable({estimate: -0.04, lower: -0.06, upper: -0.02, suppressed: ["estimate"]})).toBe(false);
    expect(usable({estimate: null, lower: -0.06, upper: -0.02})).toBe(false);
  });
});

describe("overview", () => {
  const input = {
    overall: {estimate: -0.041, lower: -0.065, upper: -0.016},
    naive: {estimate: 0.026, lower: 0.001, upper: 0.05},
    types: [
      {name: "Professionel mentor", estimate: -0.062, lower: -0.093, upper: -0.031},
      {
        name: "Ung-til-ung (frivillig)",
        estimate: -0.08,
        lower: -0.2,
        upper: -0.05,
        suppressed: ["estimate", "lower", "upper"]
      },
      {name: "Gruppementor", estimate: 0.022, lower: 0.005, upper: 0.04},
      {name: "Arbejdspladsmentor", estimate: -0.01, lower: -0.03, upper: 0.01}
    ],
    years: [
      {year: "2019", with: 0.271, without: 0.253},
      {year: "2020", with: null, without: 0.2}
    ],
    horizon: "1 år"
  };
  it("writes the headline, the clearest benefit, the harm and the worst year", () => {
    const s = overviewFindings(input, t, fda);
    expect(s[0]).toBe(
      "De rå tal viser en forskel på 2,6 procentpoint, de risikojusterede −4,1 procentpoint: eleverne med mentor havde i forvejen større risiko for at falde fra end deres skolekammerater uden mentor."
    );
    expect(overallSentence(input.overall, t, fda)).toBe(
      "Samlet faldt elever med mentor 4,1 procentpoint sjældnere fra end lignende elever uden mentor (mellem 1,6 og 6,5 procentpoint færre)."
    );
    // the hidden type (which would be the biggest) is skipped
    expect(s[1]).toContain("»Professionel mentor«: 6,2 procentpoint færre frafald");
    expect(s[1]).not.toContain("Ung-til-ung");
    expect(s[2]).toBe(
      "Mulig skade: for Gruppementor ligger hele intervallet over nul – elever med mentor faldt mellem 0,5 og 4,0 procentpoint flere fra end lignende elever uden mentor."
    );
    expect(s[3]).toBe(
      "Frafaldet inden for 1 år var højest blandt elever optaget i 2019: 25,3 pct. uden mentor og 27,1 pct. med mentor."
    );
  });
  it("says what is uncertain when nothing is harmful, and nothing about a hidden headline", () => {
    const s = overviewFindings(
      {
        ...input,
        overall: {estimate: null, lower: null, upper: null},
        types: input.types.filter((d) => d.name !== "Gruppementor")
      },
      t,
      fda
    );
    expect(s[0]).toBeNull();
    expect(s[2]).toBe("Usikkert: for Arbejdspladsmentor kan forskellen ikke skelnes fra nul.");
  });
  it("says an unclear headline as such, in English too", () => {
    expect(overallSentence({estimate: 0.004, lower: -0.01, upper: 0.018}, en.findings, fen)).toBe(
      "Overall, there is no clear difference in dropout between students with a mentor and similar students without one (from 1.0 percentage points fewer to 1.8 percentage points more)."
    );
  });
});

describe("transitions", () => {
  const hazards = [
    {phase: "Prøvetiden", mentor: "without" as const, hazard: 0.124},
    {phase: "Prøvetiden", mentor: "with" as const, hazard: 0.081},
    {phase: "Slutspurten", mentor: "without" as const, hazard: 0.3, suppressed: ["hazard"]},
    {phase: "GF1 → GF2", mentor: "without" as const, hazard: 0.05}
  ];
  const effects = [
    {name: "Prøvetiden", estimate: -0.043, lower: -0.07, upper: -0.016},
    {name: "GF1 → GF2", estimate: 0.01, lower: -0.01, upper: 0.03},
    {name: "Slutspurten", estimate: 0.03, lower: 0.01, upper: 0.05}
  ];
  it("finds the worst transition (skipping a hidden hazard), where mentors help most, harm and uncertainty", () => {
    const s = transitionsFindings({hazards, effects, adjusted: true}, t, fda);
    expect(s[0]).toBe(
      "Frafaldet er størst ved overgangen »Prøvetiden«: 12,4 pct. af eleverne uden mentor, der nåede den, faldt fra (med mentor: 8,1 pct.)."
    );
    expect(s[1]).toBe(
      "Mentoren gør størst forskel ved »Prøvetiden«: 4,3 procentpoint færre frafald (mellem 1,6 og 7,0 procentpoint færre), justeret for elevernes baggrund."
    );
    expect(s[2]).toContain("Mulig skade: for overgangen »Slutspurten«");
    expect(s[3]).toBe("Ved 1 af 3 overgange kan forskellen med mentor ikke skelnes fra nul.");
    // for a selection the difference is unadjusted, and the sentence says so
    expect(transitionsFindings({hazards, effects, adjusted: false}, t, fda)[1]).toContain("ujusteret");
  });
  it("says when no transition shows a clear benefit", () => {
    const s = transitionsFindings({hazards, effects: [effects[1]], adjusted: false}, t, fda);
    expect(s[1]).toBe(t.noPhaseHelps);
    expect(s.filter(Boolean)).toHaveLength(2);
  });
});

describe("schemes", () => {
  const row = (
    name: string,
    estimate: number,
    lower: number,
    upper: number,
    rate_mentored = 0.2,
    rate_comparison = 0.22
  ) => ({name, estimate, lower, upper, rate_mentored, rate_comparison});
  it("names the biggest scheme, the best type, possible harm and how many are unclear", () => {
    const s = schemesFindings(
      {
        schemes: [
          {...row("TEC", -0.05, -0.08, -0.02), mark: "opdigtede tal"},
          row("SOPU", -0.09, -0.2, 0.02),
          row("Danfoss", 0.01, -0.02, 0.04)
        ],
        types: [row("Gruppementor", 0.03, 0.01, 0.05), row("Professionel mentor", -0.04, -0.06, -0.02)]
      },
      t,
      fda
    );
    expect(s[0]).toBe(
      "Størst forskel: i ordningen »TEC (opdigtede tal)« faldt elever med mentor 5,0 procentpoint sjældnere fra end lignende elever uden mentor (mellem 2,0 og 8,0 procentpoint færre)."
    );
    expect(s[1]).toContain("»Professionel mentor«: 4,0 procentpoint");
    expect(s[2]).toContain("Mulig skade: for Gruppementor");
    expect(s[3]).toBe("For 2 af 3 ordninger kan forskellen ikke skelnes fra nul – ofte fordi de har få elever.");
  });
  it("without harm, gives the highest raw dropout with its own comparison", () => {
    const s = schemesFindings(
      {
        schemes: [],
        types: [row("Gruppementor", -0.01, -0.03, 0.01, 0.31, 0.28), row("Professionel mentor", -0.04, -0.06, -0.02)]
      },
      t,
      fda
    );
    expect(s[2]).toBe(
      "Højest frafald blandt elever med mentor: 31,0 pct. i ordningstypen »Gruppementor« mod 28,0 pct. hos deres skolekammerater uden mentor (rå andele)."
    );
    expect(s[0]).toBeNull();
  });
});

describe("cohorts", () => {
  it("uses the groups' shares and the hazard table's rates, skipping hidden ones", () => {
    const s = cohortsFindings(
      {
        groups: [
          {label: "Ingen mentor", share: 0.182, lower: 0.171, upper: 0.193},
          {label: "Gruppementor", share: null, lower: null, upper: null}
        ],
        hazards: [
          {
            phase: "Prøvetiden",
            mentor: "without",
            series: "Uden mentor",
            hazard: 0.124,
            hazard_lower: 0.11,
            hazard_upper: 0.14
          },
          {
            phase: "Prøvetiden",
            mentor: "with",
            series: "Professionel mentor",
            hazard: 0.081,
            hazard_lower: 0.06,
            hazard_upper: 0.1
          },
          {
            phase: "GF1 → GF2",
            mentor: "without",
            series: "Uden mentor",
            hazard: 0.054,
            hazard_lower: 0.05,
            hazard_upper: 0.06
          },
          // a bigger gap, but its interval overlaps: not a clear finding
          {phase: "GF1 → GF2", mentor: "with", series: "Ung-til-ung", hazard: 0, hazard_lower: 0, hazard_upper: 0.3},
          {
            phase: "Slutspurten",
            mentor: "with",
            series: "Gruppementor",
            hazard: 0.01,
            hazard_lower: 0,
            hazard_upper: 0.02,
            suppressed: ["hazard"]
          }
        ]
      },
      t,
      fda
    );
    expect(s[0]).toBe(
      "Blandt de grupper, hvis frafald kan vises, er det højest i »Ingen mentor«: 18,2 pct. (mellem 17,1 pct. og 19,3 pct.); for »Gruppementor« er frafaldet skjult af hensyn til diskretion."
    );
    expect(s[1]).toBe(
      "Eleverne uden mentor faldt oftest fra ved overgangen »Prøvetiden«: 12,4 pct. af dem, der nåede den."
    );
    expect(s[2]).toBe(
      "Tydeligst forskel ved »Prøvetiden«: 8,1 pct. faldt fra i gruppen »Professionel mentor« mod 12,4 pct. uden mentor (intervallerne overlapper ikke)."
    );
    expect(s[3]).toBe(t.cohortRaw);
  });
  it("ranks the groups when none is hidden", () => {
    const s = cohortsFindings(
      {
        groups: [
          {label: "Ingen mentor", share: 0.182, lower: 0.171, upper: 0.193},
          {label: "Med mentor", share: 0.2, lower: 0.15, upper: 0.25}
        ],
        hazards: []
      },
      t,
      fda
    );
    expect(s[0]).toBe(
      "I det valgte udsnit er frafaldet højest i gruppen »Med mentor«: 20,0 pct. (mellem 15,0 pct. og 25,0 pct.)."
    );
    expect(s[2]).toBeNull();
  });
});
