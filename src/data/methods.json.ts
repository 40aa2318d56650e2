// Methods: ingest log, adjustment strata, phase cut-offs, horizons, suppression rule, data and contract version.
import {writeSitePart} from "../../loaders/analysis/site.ts";

await writeSitePart("methods");
