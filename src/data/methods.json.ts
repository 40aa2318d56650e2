// Methods: ingest log, adjustment strata, phase cut-offs, horizons, suppression rule, data and contract version.
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("methods");
