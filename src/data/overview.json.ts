// Headline: students, mentored, naive and adjusted mentor effect overall and per scheme type, mentor vs no mentor by intake year (privacy-gated).
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("overview");
