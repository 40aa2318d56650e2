/**
 * How to cite an export: CITATION.cff (Citation File Format 1.2.0, type
 * dataset, the publisher as the author entity) and the same citation as one
 * line for README.md, both from the provenance facts and the publication
 * settings (publication.ts).
 *
 * Pure (no Node APIs).
 */
import {exportTitle, sourceTitle} from "./datapackage.ts";
import type {Publication} from "./publication.ts";
import type {ProvenanceInput} from "./provenance.ts";

/** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
const yamlString = (s: string): string => JSON.stringify(s);

/** The release date of an export: the day it was made (UTC). */
const released = (p: Pick<ProvenanceInput, "createdAt">) => p.createdAt.toISOString().slice(0, 10);

/** The citation as one line: publisher (year). Title. Data version …, made …. Licence. */
export function citationText(p: ProvenanceInput, publication: Publication): string {
  return (
    `${publication.publisher} (${p.createdAt.getUTCFullYear()}). ${exportTitle(p)}. Data version ${p.data.data_version}, data date ${p.data.data_date}, ` +
    `exported ${released(p)}. ${sourceTitle(p)}. Licence: ${publication.licence.title} (${publication.licence.spdx}).`
  );
}

/** CITATION.cff of an export. */
export function citationCff(p: ProvenanceInput, publication: Publication): string {
  const abstract =
    `${p.data.notice.en} Aggregated tables of one cohort (${p.cohort.canonical || "all"}) with their SQL, a codebook and provenance.json; ` +
    `counts of 1–${p.minCell - 1} individuals are hidden.${p.microdata ? " The pseudonymised microdata in this folder are not openly licensed: they are governed by the data-use agreement named in LICENSE.txt." : ""}`;
  return [
    "cff-version: 1.2.0",
    `message: ${yamlString("If you use these data, please cite them as below.")}`,
    "type: dataset",
    `title: ${yamlString(exportTitle(p))}`,
    `version: ${yamlString(p.data.data_version)}`,
    `date-released: ${yamlString(released(p))}`,
    "authors:",
    `  - name: ${yamlString(publication.publisher)}`,
    `license: ${yamlString(publication.licence.spdx)}`,
    `abstract: ${yamlString(abstract)}`,
    "keywords:",
    ...["mentoring", "dropout", "upper-secondary education", "vocational education", "Denmark"].map(
      (k) => `  - ${yamlString(k)}`
    ),
    ""
  ].join("\n");
}
