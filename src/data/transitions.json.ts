// Transition points: stage hazards and phase effects with/without a mentor, Kaplan-Meier retention curves, log-rank tests, stage timing (privacy-gated).
import {writeSitePart} from "../../loaders/site/publish.ts";

await writeSitePart("transitions");
