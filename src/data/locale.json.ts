// d3-format and d3-time-format locale definitions (da-DK, en-GB) from node_modules, for the pages' formatters.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";

// The locale files are not in the packages' "exports", so read them from disk.
const read = (spec: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", spec), "utf8"));

process.stdout.write(JSON.stringify({
  da: {format: read("d3-format/locale/da-DK.json"), time: read("d3-time-format/locale/da-DK.json")},
  en: {format: read("d3-format/locale/en-GB.json"), time: read("d3-time-format/locale/en-GB.json")}
}));
