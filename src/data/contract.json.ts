// The data contract in brief (tables, columns, types, allowed values) for the methods page.
import {CONTRACT_VERSION, PHASE_CUTOFFS, PHASES, TABLES} from "../../loaders/contract/contract.ts";

process.stdout.write(JSON.stringify({
  version: CONTRACT_VERSION,
  phases: PHASES,
  cutoffs: PHASE_CUTOFFS,
  tables: TABLES.map((t) => ({
    name: t.name,
    key: t.key,
    columns: t.columns.map((c) => ({name: c.name, type: c.type, required: c.required, values: c.values ?? null, description: c.description}))
  }))
}));
