import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CONTRACT_VERSION, PHASES, TABLES} from "../../loaders/contract/contract.ts";

const readme = readFileSync(new URL("../../data/README.md", import.meta.url), "utf8");

describe("data/README.md documents the contract in code", () => {
  it("states the contract version", () => {
    expect(readme).toContain(`# Data contract — version ${CONTRACT_VERSION}`);
  });
  it.each(TABLES.map((t) => [t.name, t] as const))(
    "documents every column of %s with its type and allowed values",
    (name, table) => {
      const section = readme.split(`### \`${name}\``)[1]?.split("### ")[0];
      expect(section, `no section for ${name}`).toBeDefined();
      for (const c of table.columns) {
        const row = section!.split("\n").find((l) => l.startsWith(`| \`${c.name}\` |`));
        expect(row, `${name}.${c.name} missing`).toBeDefined();
        expect(row).toContain(`| ${c.type} | ${c.required ? "yes" : "no"} |`);
        for (const v of c.values ?? []) expect(row).toContain(`\`${v}\``);
      }
    }
  );
  it("defines every transition point", () => {
    for (const p of PHASES) expect(readme).toContain(`| \`${p}\` |`);
  });
});
