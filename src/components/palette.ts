// The site's colours: one meaning each, on every page, in every chart and legend.
//
// Reasoning (why these colours):
// - Groups of students get a hue; everything that is not a group (statuses, kinds of estimate, funnel limits,
//   annotations) is drawn in neutral greys, so no grey can be read as a group and no hue as a status.
// - With and without a mentor, the comparison every page makes, are Okabe–Ito's blue and orange: the pair that
//   stays apart under every common colour-vision deficiency (protan, deutan, tritan) and in greyscale (dark/light).
//   No scheme type uses blue or orange, so "with a mentor" never also means one kind of mentor.
// - The five scheme types (shown with "without a mentor", never with "with a mentor") take the remaining hues
//   of Okabe–Ito (bluish green, reddish purple) and three from Paul Tol's colour-blind-safe "muted" set that are
//   far from blue and orange in hue or lightness (indigo, wine, olive). Every scheme type has at least 3:1
//   contrast on white (WCAG 1.4.11, graphical objects: olive 3.0, purple 3.1, green 3.3, wine 8.7, indigo 12);
//   the orange of "without a mentor" is lighter (2.2:1), so its marks are 2 px lines and symbols of their own, and
//   every chart has its table and a text summary.
// - Statuses (completed, transferred, ongoing, dropped) are a grey ramp from light to dark with dropout the
//   darkest, so dropout stands out without a hue; a hidden part is near-white with a grey outline (nothing to show).
// - Naive and adjusted estimates are light and dark grey (kinds of estimate, not groups); funnel positions are
//   greys by distance from expected, their direction told by shape (square below, triangle above).
import type {SchemeTypeKey} from "../../loaders/analysis/types.ts";

export const MENTOR_COLOURS = {withMentor: "#0072B2", withoutMentor: "#E69F00"} as const;

export const SCHEME_TYPE_COLOURS: Record<SchemeTypeKey, string> = {
  peer: "#009E73",
  adult_volunteer: "#CC79A7",
  professional: "#332288",
  group: "#882255",
  workplace: "#999933"
};

/** A group's key in the published data: "with"/"without" a mentor, "none" (= without), or a scheme type. */
export type GroupKey = "with" | "without" | "none" | SchemeTypeKey;

/** The colour of a group, the same on every page. */
export function groupColour(key: GroupKey | string): string {
  if (key === "with") return MENTOR_COLOURS.withMentor;
  if (key === "without" || key === "none") return MENTOR_COLOURS.withoutMentor;
  const colour = SCHEME_TYPE_COLOURS[key as SchemeTypeKey];
  if (!colour)
    throw new Error(`palette: no colour for the group "${key}" (expected with, without, none or a scheme type)`);
  return colour;
}

/** Chart colours keyed by the groups' drawn labels: [label, group key] pairs → {label: colour}. */
export function groupColours(groups: readonly (readonly [string, GroupKey | string])[]): Record<string, string> {
  return Object.fromEntries(groups.map(([label, key]) => [label, groupColour(key)]));
}

/** Outcome statuses: a grey ramp, dropout darkest; a hidden part near-white (outlined where drawn). */
export const STATUS_COLOURS = {
  completed: "#CFCFCF",
  transferred: "#A3A3A3",
  ongoing: "#707070",
  dropped: "#1F1F1F",
  hidden: "#F2F2F2"
} as const;

/** Kinds of estimate (not groups): the crude difference light, the adjusted one dark. */
export const ESTIMATE_COLOURS = {naive: "#9A9A9A", adjusted: "#1F1F1F"} as const;

/** Funnel positions: grey by how far from expected; the shape (square below, triangle above) gives the direction. */
export const POSITION_COLOURS: Record<string, string> = {
  below_998: "#1F1F1F",
  below_95: "#6E6E6E",
  within: "#B8B8B8",
  above_95: "#6E6E6E",
  above_998: "#1F1F1F"
};

/** Annotations, limits, reference lines. */
export const NEUTRAL = "#555555";

/** What a reader did not choose (the what-if page's other bands): a light grey beside the chosen group's hue. */
export const NOT_CHOSEN = "#B8B8B8";
