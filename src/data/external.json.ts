// External evidence: published reference figures with source, never mixed with local estimates.
import {writeSitePart} from "../../loaders/analysis/site.ts";

await writeSitePart("external");
