import {exportCohort} from "../../loaders/export/index.ts";
process.env.MENTOR_DUA = "test agreement";
const r = await exportCohort({db: process.argv[2], out: process.argv[3], microdata: true, overwrite: true});
console.log(r.files.map(f => f.file).join(" "));
