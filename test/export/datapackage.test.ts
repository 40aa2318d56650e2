// datapackage.json checked against the Frictionless Data Package / Tabular Data Resource / Table Schema v1
// rules (no validator is installed: the required properties and patterns of the specs, written out here).
import {describe, expect, it} from "vitest";
import {buildCodebook} from "../../loaders/export/codebook.ts";
import {buildDataPackage, primaryKeyOf} from "../../loaders/export/datapackage.ts";
import {publicationSettings} from "../../loaders/export/publication.ts";
import {fullCodebook, provenanceInput} from "./metadata-fixture.ts";

type Obj = Record<string, any>;
const NAME = /^[a-z0-9._-]+$/;
const TYPES = [
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "date",
  "time",
  "datetime",
  "year",
  "yearmonth",
  "duration",
  "geopoint",
  "geojson",
  "any"
];
const ROLES = ["author", "publisher", "maintainer", "wrangler", "contributor"];

/** Problems of a data package by the v1 specs (empty = valid). */
function problems(pkg: Obj): string[] {
  const out: string[] = [];
  const need = (ok: unknown, what: string) => {
    if (!ok) out.push(what);
  };
  need(["data-package", "tabular-data-package"].includes(pkg.profile), "package profile");
  need(typeof pkg.name === "string" && NAME.test(pkg.name), "package name");
  need(
    !Number.isNaN(Date.parse(pkg.created)) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(pkg.created),
    "created (RFC 3339)"
  );
  need(Array.isArray(pkg.licenses) && pkg.licenses.length > 0, "licenses");
  for (const l of pkg.licenses ?? [])
    need(
      (typeof l.name === "string" && /^[-a-zA-Z0-9._]+$/.test(l.name)) || typeof l.path === "string",
      "license name|path"
    );
  for (const s of pkg.sources ?? []) need(typeof s.title === "string" && s.title.length > 0, "source title");
  for (const c of pkg.contributors ?? [])
    need(typeof c.title === "string" && ROLES.includes(c.role ?? "contributor"), "contributor title/role");
  need(Array.isArray(pkg.resources) && pkg.resources.length > 0, "resources");
  const names = new Set<string>();
  for (const r of pkg.resources ?? []) {
    const where = `resource ${r.name}`;
    need(typeof r.name === "string" && NAME.test(r.name) && !names.has(r.name), `${where}: name (unique, lower case)`);
    names.add(r.name);
    need(
      typeof r.path === "string" && !r.path.startsWith("/") && !r.path.split("/").includes(".."),
      `${where}: relative path`
    );
    need(/^sha256:[0-9a-f]{64}$/.test(r.hash), `${where}: hash`);
    need(r.encoding === "utf-8", `${where}: encoding`);
    if (pkg.profile === "tabular-data-package")
      need(r.profile === "tabular-data-resource", `${where}: tabular profile in a tabular package`);
    if (r.profile === "tabular-data-resource")
      need(
        r.format === "csv" && r.mediatype === "text/csv" && r.dialect?.delimiter === ",",
        `${where}: a tabular resource is CSV`
      );
    const s = r.schema;
    need(s && Array.isArray(s.fields) && s.fields.length > 0, `${where}: schema.fields`);
    const fields = new Set<string>();
    for (const f of s?.fields ?? []) {
      need(typeof f.name === "string" && !fields.has(f.name), `${where}: field name ${f.name}`);
      fields.add(f.name);
      need(TYPES.includes(f.type), `${where}: field type ${f.name}`);
      if (f.constraints?.enum)
        need(
          Array.isArray(f.constraints.enum) &&
            f.constraints.enum.every((v: unknown) => typeof v === "string") &&
            f.type === "string",
          `${where}: enum of ${f.name}`
        );
      if (f.constraints?.minimum !== undefined)
        need(["integer", "number"].includes(f.type), `${where}: minimum of ${f.name}`);
    }
    const key = typeof s?.primaryKey === "string" ? [s.primaryKey] : s?.primaryKey;
    need(Array.isArray(key) && key.length > 0 && key.every((k: string) => fields.has(k)), `${where}: primaryKey`);
    need(
      Array.isArray(s?.missingValues) && s.missingValues.every((v: unknown) => typeof v === "string"),
      `${where}: missingValues`
    );
  }
  return out;
}

describe("buildDataPackage", () => {
  const codebook = fullCodebook();
  const input = provenanceInput(codebook);
  const pkg = buildDataPackage(codebook, input, input.publication) as Obj;

  it("is a valid tabular data package for a CSV export", () => {
    expect(problems(pkg)).toEqual([]);
    expect(pkg.profile).toBe("tabular-data-package");
    expect(pkg.version).toBe("v2026.1");
    expect(pkg.licenses).toEqual([
      {
        name: "CC-BY-4.0",
        path: "https://creativecommons.org/licenses/by/4.0/",
        title: "Creative Commons Attribution 4.0 International"
      }
    ]);
    expect(pkg.sources).toEqual([{title: "Data provided by Børne- og Undervisningsministeriet"}]);
    expect(pkg.contributors).toEqual([{title: "Region Hovedstaden", role: "publisher"}]);
    expect(pkg.name).toBe("mentor-export-programme-eud");
    expect(pkg.resources.map((r: Obj) => r.path)).toEqual(codebook.files.map((f) => f.file));
    expect(pkg.resources[0].hash).toBe(`sha256:${input.files[0].sha256}`);
  });

  it("describes every column: type, English and Danish texts, enum of the codes, missing values", () => {
    for (const f of codebook.files) {
      const schema = pkg.resources.find((r: Obj) => r.path === f.file).schema;
      expect(schema.fields.map((x: Obj) => x.name)).toEqual(f.columns.map((c) => c.column));
      expect(schema.missingValues).toEqual([""]);
      f.columns.forEach((c, i) => {
        const field = schema.fields[i];
        expect(field.type).toBe(c.type);
        expect(field.title.length).toBeLessThanOrEqual(80);
        expect(field.description.startsWith(c.en)).toBe(true);
        expect(field.description_da.startsWith(c.da)).toBe(true);
        if (c.codes && c.type === "string") expect(field.constraints.enum).toEqual(c.codes.map((x) => x.code));
        if (c.type === "boolean") expect([field.trueValues, field.falseValues]).toEqual([["TRUE"], ["FALSE"]]);
      });
    }
    const suppressed = pkg.resources[0].schema.fields.find((x: Obj) => x.name === "suppressed");
    expect(suppressed.description).toContain("counts of 1–4 individuals");
  });

  it("keys: dimensions and key labels (survival: set, group, time; microdata: the enrolment)", () => {
    const keyOf = (table: string, columns: string[]) =>
      primaryKeyOf(buildCodebook([{table, file: `${table}.csv`, columns}]).files[0]);
    expect(
      keyOf("survival", [
        "set",
        "group",
        "origin",
        "time",
        "at_risk",
        "events",
        "censored",
        "survival",
        "std_err",
        "lower",
        "upper",
        "suppressed"
      ])
    ).toEqual(["set", "group", "time"]);
    expect(keyOf("log_rank", ["set", "groups", "chi_square", "df", "p_value"])).toEqual(["set"]);
    expect(
      keyOf("outcomes", ["programme", "age_band", "scheme_type", "mentor", "n", "share_dropped", "suppressed"])
    ).toEqual(["programme", "age_band", "scheme_type"]);
    expect(
      keyOf("person_period", [
        "period",
        "start_day",
        "end_day",
        "age_band",
        "scheme_type",
        "mentor",
        "at_risk",
        "events",
        "suppressed"
      ])
    ).toEqual(["period", "age_band", "scheme_type"]);
    expect(keyOf("microdata", ["enrolment_id", "student_key", "programme", "outcome"])).toEqual(["enrolment_id"]);
    expect(keyOf("codebook", ["file", "column", "type"])).toEqual(["file", "column"]);
    expect(() => keyOf("log_rank", ["groups", "chi_square"])).toThrow(/no primary key for log_rank/);
  });

  it("a Parquet export is a data package whose Parquet resources keep their schema", () => {
    const pq = fullCodebook("parquet");
    const p = provenanceInput(pq, {options: {...input.options, format: "parquet"}});
    const got = buildDataPackage(pq, p, p.publication) as Obj;
    expect(problems(got)).toEqual([]);
    expect(got.profile).toBe("data-package");
    const outcomes = got.resources.find((r: Obj) => r.name === "outcomes");
    expect([outcomes.profile, outcomes.format, outcomes.mediatype, outcomes.dialect]).toEqual([
      "data-resource",
      "parquet",
      "application/vnd.apache.parquet",
      undefined
    ]);
    expect(got.resources.find((r: Obj) => r.name === "codebook").profile).toBe("tabular-data-resource");
  });

  it("microdata are marked as not openly licensed, and the licence setting is used", () => {
    const p = provenanceInput(codebook, {
      microdata: {agreement: "DUA 7"},
      publication: publicationSettings({MENTOR_EXPORT_LICENSE: "CC0-1.0", MENTOR_PUBLISHER: "Region X"})
    });
    const got = buildDataPackage(codebook, p, p.publication) as Obj;
    expect(got.resources.find((r: Obj) => r.name === "microdata").licenses).toEqual([
      {name: "other-closed", title: expect.stringContaining('"DUA 7"')}
    ]);
    expect(got.resources.find((r: Obj) => r.name === "outcomes").licenses).toBeUndefined();
    expect(got.licenses[0].name).toBe("CC0-1.0");
    expect(got.contributors[0].title).toBe("Region X");
  });

  it("refuses a file without a hash", () => {
    expect(() => buildDataPackage(codebook, {...input, files: input.files.slice(1)}, input.publication)).toThrow(
      /outcomes_by_mentor.csv has no sha256/
    );
  });

  it("the checker above finds broken packages", () => {
    const broken = structuredClone(pkg);
    broken.resources[1].schema.primaryKey = ["nope"];
    broken.resources[2].name = "Bad Name";
    broken.licenses = [{title: "x"}];
    expect(problems(broken).sort()).toEqual([
      "license name|path",
      "resource Bad Name: name (unique, lower case)",
      "resource outcomes: primaryKey"
    ]);
  });
});
