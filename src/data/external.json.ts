// External evidence: published reference figures with source, never mixed with local estimates.
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("external");
