// What-if page: band effects, reach, target pools, transition-point effects, mentees per FTE, risk model (privacy-gated).
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("scenario");
