import {openWarehouse, query} from "../../loaders/warehouse.ts";
import {prepareBase} from "../../loaders/analysis/sql/base.ts";
const wh = await openWarehouse(process.argv[2]);
const b = await prepareBase(wh.connection, {});
for (const sql of process.argv.slice(3)) console.table(await query(wh.connection, sql.replaceAll("ENROL", b.enrol).replaceAll("PHASES", b.phases)));
wh.close();
