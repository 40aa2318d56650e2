import {exportCohort} from "../../loaders/export/index.ts";
const t0 = performance.now();
const r = await exportCohort({db: process.argv[2], out: process.argv[3], cohort: process.argv[4] ?? "", format: (process.argv[5] ?? "csv") as "csv", overwrite: true});
console.log(JSON.stringify({files: r.files.map(f => [f.file, f.rows]), suppressed: r.suppressed, omitted: r.omitted}), Math.round(performance.now() - t0), "ms");
