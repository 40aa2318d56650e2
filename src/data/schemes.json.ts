// Schemes: naive and adjusted effect per scheme type and named scheme, scheme facts, process vs outcome (privacy-gated).
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("schemes");
