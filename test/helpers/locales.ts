// d3's own locale definitions (da-DK, en-GB), as src/data/locale.json.ts gives them to the pages.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";
import type {LocaleDefinitions} from "../../src/i18n/format.ts";

const read = (spec: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", spec), "utf8"));

export const LOCALES: LocaleDefinitions = {
  da: {format: read("d3-format/locale/da-DK.json"), time: read("d3-time-format/locale/da-DK.json")},
  en: {format: read("d3-format/locale/en-GB.json"), time: read("d3-time-format/locale/en-GB.json")}
};
