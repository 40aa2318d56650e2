/**
 * Who publishes an export and under which licence: the publisher is the
 * site's setting MENTOR_PUBLISHER (the same default as the footer,
 * src/components/footer.ts), the licence of the aggregated tables is
 * MENTOR_EXPORT_LICENSE (an SPDX id from `LICENCES`; default CC BY 4.0).
 * Microdata are never under this licence: they are governed by the data-use
 * agreement named in MENTOR_DUA (see microdata.ts).
 *
 * Pure: the settings are passed in (the caller gives `process.env`).
 */
import {DEFAULT_PUBLISHER} from "../../src/components/footer.ts";

export const LICENCE_ENV = "MENTOR_EXPORT_LICENSE";
export const PUBLISHER_ENV = "MENTOR_PUBLISHER";

export interface Licence {
  /** SPDX identifier (CITATION.cff). */
  spdx: string;
  /** Open Definition licence id (datapackage.json `licenses[].name`). */
  od: string;
  title: string;
  url: string;
  /** What a user may do, in one sentence. */
  terms: {da: string; en: string};
}

const attribution = {
  da: "I må dele og bearbejde tabellerne til ethvert formål, også kommercielt, når I krediterer udgiveren (se Sådan citeres), linker til licensen og angiver, om I har ændret noget.",
  en: "You may share and adapt the tables for any purpose, even commercially, provided you credit the publisher (see How to cite), link to the licence and indicate if changes were made."
};

/** The licences an export can be given (MENTOR_EXPORT_LICENSE), by SPDX id. */
export const LICENCES: Record<string, Licence> = {
  "CC-BY-4.0": {
    spdx: "CC-BY-4.0",
    od: "CC-BY-4.0",
    title: "Creative Commons Attribution 4.0 International",
    url: "https://creativecommons.org/licenses/by/4.0/",
    terms: attribution
  },
  "CC-BY-SA-4.0": {
    spdx: "CC-BY-SA-4.0",
    od: "CC-BY-SA-4.0",
    title: "Creative Commons Attribution-ShareAlike 4.0 International",
    url: "https://creativecommons.org/licenses/by-sa/4.0/",
    terms: {
      da: `${attribution.da} Bearbejdelser skal deles under samme licens.`,
      en: `${attribution.en} Adaptations must be shared under the same licence.`
    }
  },
  "CC0-1.0": {
    spdx: "CC0-1.0",
    od: "CC0-1.0",
    title: "Creative Commons Zero v1.0 Universal (public domain dedication)",
    url: "https://creativecommons.org/publicdomain/zero/1.0/",
    terms: {
      da: "Udgiveren giver afkald på alle rettigheder: I må bruge tabellerne frit; en kildehenvisning er god skik.",
      en: "The publisher waives all rights: you may use the tables freely; citing the source is good practice."
    }
  },
  "ODC-By-1.0": {
    spdx: "ODC-By-1.0",
    od: "ODC-BY-1.0",
    title: "Open Data Commons Attribution License v1.0",
    url: "https://opendatacommons.org/licenses/by/1-0/",
    terms: attribution
  },
  "PDDL-1.0": {
    spdx: "PDDL-1.0",
    od: "ODC-PDDL-1.0",
    title: "Open Data Commons Public Domain Dedication and License v1.0",
    url: "https://opendatacommons.org/licenses/pddl/1-0/",
    terms: {
      da: "Tabellerne er i public domain: I må bruge dem frit; en kildehenvisning er god skik.",
      en: "The tables are in the public domain: you may use them freely; citing the source is good practice."
    }
  }
};
export const DEFAULT_LICENCE = "CC-BY-4.0";

export interface Publication {
  publisher: string;
  /** Licence of the aggregated tables (never of microdata). */
  licence: Licence;
}

/** The publisher and licence of an export from the settings (environment); a licence not in `LICENCES` is an error naming the setting. */
export function publicationSettings(env: Record<string, string | undefined>): Publication {
  const publisher = env[PUBLISHER_ENV]?.trim() || DEFAULT_PUBLISHER;
  const asked = env[LICENCE_ENV]?.trim() || DEFAULT_LICENCE;
  const id = Object.keys(LICENCES).find((k) => k.toLowerCase() === asked.toLowerCase());
  if (!id) {
    throw new RangeError(
      `${LICENCE_ENV}: unknown licence "${asked}". Allowed (SPDX ids): ${Object.keys(LICENCES)
        .map((k) => `"${k}"`)
        .join(", ")}; default ${DEFAULT_LICENCE}.`
    );
  }
  return {publisher, licence: LICENCES[id]};
}
