import {describe, expect, it} from "vitest";
import {DEFAULT_PUBLISHER} from "../../src/components/footer.ts";
import {CohortSyntaxError, exportCohort} from "../../loaders/export/index.ts";
import {LICENCES, publicationSettings} from "../../loaders/export/publication.ts";

describe("publicationSettings", () => {
  it("defaults: the footer's publisher and CC BY 4.0", () => {
    const p = publicationSettings({});
    expect(p.publisher).toBe(DEFAULT_PUBLISHER);
    expect(p.licence.spdx).toBe("CC-BY-4.0");
    expect(p.licence.url).toBe("https://creativecommons.org/licenses/by/4.0/");
  });
  it("reads MENTOR_PUBLISHER and MENTOR_EXPORT_LICENSE (any case)", () => {
    const p = publicationSettings({MENTOR_PUBLISHER: "  Region Test ", MENTOR_EXPORT_LICENSE: "cc0-1.0"});
    expect(p.publisher).toBe("Region Test");
    expect(p.licence).toBe(LICENCES["CC0-1.0"]);
    expect(publicationSettings({MENTOR_PUBLISHER: " ", MENTOR_EXPORT_LICENSE: ""}).publisher).toBe(DEFAULT_PUBLISHER);
  });
  it("refuses an unknown licence, naming the setting and the choices", () => {
    expect(() => publicationSettings({MENTOR_EXPORT_LICENSE: "MIT"})).toThrow(
      /MENTOR_EXPORT_LICENSE: unknown licence "MIT". Allowed \(SPDX ids\): "CC-BY-4.0"/
    );
  });
  it("every licence has ids, a title, an https URL and terms in both languages", () => {
    for (const [id, l] of Object.entries(LICENCES)) {
      expect(l.spdx).toBe(id);
      expect(l.od).toMatch(/^[A-Za-z0-9.-]+$/);
      expect(l.url).toMatch(/^https:\/\//);
      expect(l.terms.da.length).toBeGreaterThan(20);
      expect(l.terms.en.length).toBeGreaterThan(20);
    }
  });

  it("an export with an unknown licence is refused before any work (a usage error: exit status 2)", async () => {
    const outer = process.env.MENTOR_EXPORT_LICENSE;
    process.env.MENTOR_EXPORT_LICENSE = "GPL-3.0";
    try {
      const refused = exportCohort({out: "/nonexistent/export", db: "/nonexistent/warehouse.duckdb"});
      await expect(refused).rejects.toThrow(CohortSyntaxError);
      await expect(refused).rejects.toThrow(/MENTOR_EXPORT_LICENSE: unknown licence "GPL-3.0"/);
    } finally {
      if (outer === undefined) delete process.env.MENTOR_EXPORT_LICENSE;
      else process.env.MENTOR_EXPORT_LICENSE = outer;
    }
  });
});
