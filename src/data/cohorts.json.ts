// Cohort cells (intake year x programme x main area x scheme type) for filtering in the browser (privacy-gated).
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("cohorts");
