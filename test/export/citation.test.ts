import {describe, expect, it} from "vitest";
import {citationCff, citationText} from "../../loaders/export/citation.ts";
import {publicationSettings} from "../../loaders/export/publication.ts";
import {fullCodebook, provenanceInput} from "./metadata-fixture.ts";

/** The top-level keys of a CFF file and their values (scalars are JSON strings; lists are "  - " items). */
function parseCff(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let list: unknown[] | null = null;
  for (const line of text.split("\n").filter(Boolean)) {
    const item = /^ {2}- (?:name: )?(.*)$/.exec(line);
    if (item && list) {
      list.push(line.includes("- name: ") ? {name: JSON.parse(item[1])} : JSON.parse(item[1]));
      continue;
    }
    const m = /^([a-z-]+):(?: (.*))?$/.exec(line);
    if (!m) throw new Error(`not a CFF line: ${line}`);
    if (m[2] === undefined) out[m[1]] = list = [];
    else {
      list = null;
      out[m[1]] = /^[0-9]+\.[0-9]+\.[0-9]+$|^[a-z]+$/.test(m[2]) ? m[2] : JSON.parse(m[2]);
    }
  }
  return out;
}

describe("CITATION.cff and the citation line", () => {
  const codebook = fullCodebook();
  const input = provenanceInput(codebook, {publication: publicationSettings({MENTOR_PUBLISHER: 'Region "Test"'})});

  it("has the keys CFF 1.2.0 requires (cff-version, message, title, authors) and the dataset's facts", () => {
    const cff = parseCff(citationCff(input, input.publication));
    expect(cff["cff-version"]).toBe("1.2.0");
    expect(cff.message).toMatch(/cite/);
    expect(cff.type).toBe("dataset");
    expect(cff.title).toContain("cohort programme=EUD");
    expect(cff.version).toBe("v2026.1");
    expect(cff["date-released"]).toBe("2026-03-04");
    expect(cff.authors).toEqual([{name: 'Region "Test"'}]);
    expect(cff.license).toBe("CC-BY-4.0");
    expect(cff.abstract).toContain("counts of 1–4 individuals are hidden");
    expect(cff.abstract).not.toContain("microdata");
  });

  it("says that microdata are not under the licence", () => {
    const cff = parseCff(citationCff({...input, microdata: {agreement: "DUA 1"}}, input.publication));
    expect(cff.abstract).toContain("microdata in this folder are not openly licensed");
  });

  it("the README's line: publisher, year, title, versions, source and licence", () => {
    expect(citationText(input, input.publication)).toBe(
      'Region "Test" (2026). Mentoring schemes and dropout, Capital Region of Denmark: researcher export (cohort programme=EUD). ' +
        "Data version v2026.1, data date 2026-01-31, exported 2026-03-04. Data provided by Børne- og Undervisningsministeriet. " +
        "Licence: Creative Commons Attribution 4.0 International (CC-BY-4.0)."
    );
    const synthetic = provenanceInput(codebook, {data: {...input.data, synthetic: true}});
    expect(citationText(synthetic, synthetic.publication)).toContain("Synthetic data made by the project's generator");
  });
});
