import {describe, expect, it} from "vitest";
import {licenceText} from "../../loaders/export/licence.ts";
import {publicationSettings} from "../../loaders/export/publication.ts";

describe("LICENSE.txt", () => {
  const pub = publicationSettings({MENTOR_PUBLISHER: "Region X"});

  it("the aggregated tables under the licence of the settings, in English and Danish", () => {
    const text = licenceText({microdata: null}, pub);
    expect(text).toContain(
      "published by Region X under the Creative Commons Attribution 4.0 International licence (CC-BY-4.0): https://creativecommons.org/licenses/by/4.0/"
    );
    expect(text).toContain(
      "udgives af Region X under licensen Creative Commons Attribution 4.0 International (CC-BY-4.0)"
    );
    expect(text).toContain(pub.licence.terms.en);
    expect(text).toContain(pub.licence.terms.da);
    expect(text).not.toMatch(/microdata/i);
    expect(licenceText({microdata: null}, publicationSettings({MENTOR_EXPORT_LICENSE: "CC0-1.0"}))).toContain(
      "(CC0-1.0): https://creativecommons.org/publicdomain/zero/1.0/"
    );
  });

  it("with microdata: they are not openly licensed but governed by the data-use agreement", () => {
    const text = licenceText({microdata: {agreement: "DUA 2026-014"}}, pub);
    expect(text).toContain("(every file except microdata.*)");
    expect(text).toContain(
      'microdata.* is NOT openly licensed and is not covered by the licence above. It is pseudonymised personal data, governed by the data-use agreement "DUA 2026-014"'
    );
    expect(text).toContain("microdata.* er IKKE omfattet af en åben licens");
    expect(text).toContain('databehandleraftalen "DUA 2026-014"');
  });
});
