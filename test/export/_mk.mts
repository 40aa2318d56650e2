import {generate} from "../../loaders/synth/generate.ts";
import {ingest} from "../../loaders/ingest/index.ts";
const n = Number(process.argv[2]);
const out = process.argv[3];
await generate({enrolments: n, seed: 5, out: out + "/data"});
const s = await ingest({sources: [out + "/data"], db: out + "/wh.duckdb", quiet: true});
console.log(s.ok);
