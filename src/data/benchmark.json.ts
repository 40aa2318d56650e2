// School benchmarking: dropout vs expected from the student mix (O/E), funnel limits, peers, mentor comparisons by group (privacy-gated).
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("benchmark");
