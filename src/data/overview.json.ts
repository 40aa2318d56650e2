// Headline: students, mentored, naive and adjusted mentor effect overall and per scheme type, mentor vs no mentor by intake year (privacy-gated).
import {writeSitePart} from "../../loaders/analysis/site.ts";

await writeSitePart("overview");
