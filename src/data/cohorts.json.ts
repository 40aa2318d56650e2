// Cohort cells (intake year x programme x main area x scheme type) for filtering in the browser (privacy-gated).
import {writeSitePart} from "../../loaders/analysis/site.ts";

await writeSitePart("cohorts");
