// Okabe–Ito colours (safe for the common colour-vision deficiencies), one meaning each across the site.
export const MENTOR_COLOURS = {withMentor: "#0072B2", withoutMentor: "#E69F00"} as const;

export const SCHEME_TYPE_COLOURS: Record<string, string> = {
  peer: "#009E73",
  adult_volunteer: "#CC79A7",
  professional: "#0072B2",
  group: "#D55E00",
  workplace: "#56B4E9"
};

export const NEUTRAL = "#555555";
export const HIGHLIGHT = "#D55E00";
