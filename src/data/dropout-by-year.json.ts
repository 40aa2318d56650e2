// Dropout by intake year, with and without a mentor (enrolments whose outcome is known or ≥ 1 year old).
import {openWarehouse, query} from "../../loaders/warehouse.ts";

const wh = await openWarehouse();
const rows = await query(wh.connection, `
  WITH m AS (SELECT DISTINCT enrolment_id FROM mentorships)
  SELECT year(intake_date)::INTEGER AS intake_year,
         (m.enrolment_id IS NOT NULL) AS mentor,
         count(*)::INTEGER AS students,
         count(*) FILTER (WHERE outcome = 'dropped')::INTEGER AS dropped
  FROM enrolments e LEFT JOIN m USING (enrolment_id)
  GROUP BY ALL ORDER BY intake_year, mentor`);
wh.close();
process.stdout.write(JSON.stringify(rows));
