import {describe, expect, it} from "vitest";
import {characters, shortLabel, utf8Bytes} from "../../loaders/export/short-label.ts";

describe("shortLabel", () => {
  it("keeps a label that fits, with its white space tidied", () => {
    expect(shortLabel("Number of  enrolments", 80)).toBe("Number of enrolments");
  });
  it("drops parenthetical remarks first, nested ones too", () => {
    const text =
      "Entered the phase (intakes followed for at least the maturity horizon (provenance.json), normally 5 years)";
    expect(shortLabel(text, 40)).toBe("Entered the phase");
    expect(shortLabel("Columns hidden (separated by ;); empty = nothing", 40)).toBe("Columns hidden; empty = nothing");
  });
  it("else cuts at the last word boundary that fits and ends with …", () => {
    const text = "Censored in the interval: end of data, completers and transfers stay at risk until the data date";
    const s = shortLabel(text, 40);
    expect(characters(s)).toBeLessThanOrEqual(40);
    expect(s).toBe("Censored in the interval: end of data…");
    expect(text.startsWith(s.slice(0, -1))).toBe(true);
  });
  it("cuts inside a word longer than the limit", () => {
    expect(shortLabel("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
  it("measures bytes when asked (SPSS value labels)", () => {
    const text = "Æ".repeat(70);
    const s = shortLabel(text, 120, utf8Bytes);
    expect(utf8Bytes(s)).toBeLessThanOrEqual(120);
    expect(utf8Bytes(s)).toBeGreaterThan(110);
    expect(characters(shortLabel(text, 80))).toBe(70);
  });
});
