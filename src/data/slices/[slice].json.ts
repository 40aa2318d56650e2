// One slice (programme group × main area × intake period): retention curves, log-rank tests and stage hazards (privacy-gated).
import {parseArgs} from "node:util";
import {writeSlice} from "../../../loaders/analysis/site.ts";

const {values} = parseArgs({options: {slice: {type: "string"}}});
if (!values.slice) throw new Error("usage: [slice].json.ts --slice KEY");
await writeSlice(values.slice);
