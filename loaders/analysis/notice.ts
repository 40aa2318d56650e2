/**
 * What the data are, in words, from what the warehouse records (meta.ts): the notice at the top of every page,
 * in every export's provenance and README, and the follow-up lengths the pages name. Written here once, on the
 * server, so a site built on real data carries no word of the synthetic notice anywhere in dist/.
 */
import type {DataInfo, Text2} from "./types.ts";

/** A follow-up length in words: 1826 days → "5 år" / "5 years", 182 → "6 måneder" / "6 months". */
export function followUpWords(days: number): Text2 {
  if (days < 365) {
    const months = Math.round(days / 30.44);
    return {
      da: `${months} ${months === 1 ? "måned" : "måneder"}`,
      en: `${months} ${months === 1 ? "month" : "months"}`
    };
  }
  const years = Math.round(days / 365.25);
  return {da: `${years} år`, en: `${years} ${years === 1 ? "year" : "years"}`};
}

const DATE_FORMAT = {da: "da-DK", en: "en-GB"} as const;
/** An ISO date in words: "2026-10-01" → "1. oktober 2026" / "1 October 2026". */
export function dateWords(iso: string): Text2 {
  const d = new Date(`${iso}T00:00:00Z`);
  const f = (lang: keyof typeof DATE_FORMAT) =>
    new Intl.DateTimeFormat(DATE_FORMAT[lang], {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC"
    }).format(d);
  return {da: f("da"), en: f("en")};
}

export type NoticeFacts = Pick<
  DataInfo,
  "synthetic" | "provider" | "data_date" | "data_version" | "mature_days" | "mature_days_setting"
>;

/**
 * The data notice: synthetic data say so; real data name their provider, extraction date and data version; a
 * warehouse that does not say (ingested without a dataset.json) says that. When no intake has been followed for the
 * maturity horizon asked for, it adds which follow-up the figures use.
 */
export function dataNotice(info: NoticeFacts): Text2 {
  const date = dateWords(info.data_date);
  const what: Text2 =
    info.synthetic === true
      ? {
          da: "Syntetiske data: tallene er genereret til demonstration og handler ikke om rigtige elever eller skoler.",
          en: "Synthetic data: the figures are generated for demonstration and describe no real students or schools."
        }
      : info.synthetic === false
        ? {
            da: `Data${info.provider ? ` fra ${info.provider}` : ""}, udtrukket ${date.da} (dataversion ${info.data_version}).`,
            en: `Data${info.provider ? ` from ${info.provider}` : ""}, extracted ${date.en} (data version ${info.data_version}).`
          }
        : {
            da: `Data til og med ${date.da}. Datalageret oplyser ikke, hvor data kommer fra (indlæs igen med en dataset.json, se README).`,
            en: `Data up to ${date.en}. The warehouse does not say where the data come from (ingest again with a dataset.json, see the README).`
          };
  if (info.mature_days >= info.mature_days_setting) return what;
  const asked = followUpWords(info.mature_days_setting);
  const used = followUpWords(info.mature_days);
  return {
    da: `${what.da} Ingen årgang er fulgt i ${asked.da} endnu: tal for hele forløbet gælder årgange, der er fulgt i mindst ${used.da}.`,
    en: `${what.en} No intake has been followed for ${asked.en} yet: figures for the whole course cover intakes followed for at least ${used.en}.`
  };
}

export type EstimandFacts = Pick<DataInfo, "first_intake" | "mature_until" | "mature_days" | "data_date">;

/**
 * What the headline effects estimate, in words: whose dropout ("ever": intakes followed at least the maturity
 * horizon, by the data date), from when (intake mentees from their mentor's start against students still enrolled
 * then; workplace mentees from the læreplads start) and against whom. The overview, the methods page and the
 * summary say this next to the number.
 */
export function estimandWords(info: EstimandFacts): Text2 {
  const from = info.first_intake ? dateWords(info.first_intake) : null;
  const until = dateWords(info.mature_until);
  const end = dateWords(info.data_date);
  const years = followUpWords(info.mature_days);
  return {
    da:
      `Elever med mentor optaget ${from ? `fra ${from.da} ` : ""}til og med ${until.da} (alle fulgt i mindst ${years.da}); frafald til og med ${end.da}. ` +
      "Hver elev med mentor fra optagelsen regnes fra mentorens start og sammenlignes med lignende elever uden mentor, der stadig gik på uddannelsen på samme tidspunkt; elever med arbejdspladsmentor regnes fra lærepladsens start.",
    en:
      `Students with a mentor admitted ${from ? `from ${from.en} ` : ""}up to ${until.en} (all followed for at least ${years.en}); dropout up to ${end.en}. ` +
      "Each student with a mentor from the intake counts from the mentor's start and is compared with similar students without a mentor who were still enrolled at the same point; students with a workplace mentor count from the start of their apprenticeship."
  };
}
