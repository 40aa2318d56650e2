// Fitting a label to a width (node has no canvas, so the character estimate measures: ~0.55 em a character).
import {describe, expect, it} from "vitest";
import {ellipsise, fitLabel, textWidth, wrap} from "../../src/components/text-fit.ts";

const SIZE = 10;

describe("fitLabel", () => {
  it("keeps a label that fits", () => {
    expect(fitLabel("KNord", 100, SIZE, 2)).toBe("KNord");
  });

  it("wraps at spaces within the width", () => {
    const label = "TEC Frederiksberg: kontaktlærere med studievejledning";
    const fitted = fitLabel(label, 120, SIZE, 3);
    const lines = fitted.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const l of lines) expect(textWidth(l, SIZE)).toBeLessThanOrEqual(120);
    expect(lines.join(" ")).toBe(label);
  });

  it("ellipsises the last line when the name needs more lines than allowed", () => {
    const label = "Øens Murerfirma: instruktører og murersvende som mentorer for lærlinge";
    const lines = fitLabel(label, 80, SIZE, 2).split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith("…")).toBe(true);
    for (const l of lines) expect(textWidth(l, SIZE)).toBeLessThanOrEqual(80);
    expect(label.startsWith(lines.join(" ").replace(/…$/, ""))).toBe(true);
  });

  it("ellipsises a single word wider than the width", () => {
    const cut = ellipsise("Erhvervsuddannelsesreformen", 60, SIZE);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, SIZE)).toBeLessThanOrEqual(60);
    expect(wrap("a b", 1000, SIZE)).toEqual(["a b"]);
  });
});
