/**
 * LICENSE.txt of an export: the aggregated tables (and the codebook, SQL and
 * metadata) under the licence of the publication settings (publication.ts,
 * MENTOR_EXPORT_LICENSE; CC BY 4.0 by default); microdata, when present,
 * under no open licence but the data-use agreement (MENTOR_DUA) named in
 * provenance.json. English and Danish.
 *
 * Pure (no Node APIs).
 */
import type {Publication} from "./publication.ts";
import {MICRODATA_WARNING, type ProvenanceInput} from "./provenance.ts";

export function licenceText(p: Pick<ProvenanceInput, "microdata">, publication: Publication): string {
  const l = publication.licence;
  const micro = p.microdata;
  return [
    "Licence / Licens",
    "================",
    "",
    `The aggregated tables of this export${micro ? " (every file except microdata.*)" : ""}, with the codebook, the SQL and the metadata files, are published by ${publication.publisher} under the ${l.title} licence (${l.spdx}): ${l.url}`,
    l.terms.en,
    "",
    `De aggregerede tabeller i dette udtræk${micro ? " (alle filer undtagen microdata.*)" : ""} og kodebogen, SQL'en og metadatafilerne udgives af ${publication.publisher} under licensen ${l.title} (${l.spdx}): ${l.url}`,
    l.terms.da,
    ...(micro
      ? [
          "",
          "MICRODATA / MIKRODATA",
          "---------------------",
          "",
          `microdata.* is NOT openly licensed and is not covered by the licence above. It is pseudonymised personal data, governed by the data-use agreement "${micro.agreement}" (provenance.json: microdata.data_use_agreement). ${MICRODATA_WARNING.en}`,
          "",
          `microdata.* er IKKE omfattet af en åben licens eller af licensen ovenfor. Filerne er pseudonymiserede personoplysninger og er underlagt databehandleraftalen "${micro.agreement}" (provenance.json: microdata.data_use_agreement). ${MICRODATA_WARNING.da}`
        ]
      : []),
    ""
  ].join("\n");
}
