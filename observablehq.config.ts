// Observable Framework configuration. Danish pages at the root, English under /en/.
export default {
  title: "Mentorordninger og fastholdelse",
  root: "src",
  theme: "dashboard",
  // The default stylesheet pulls fonts from Google; a Danish public site may not send visitors there.
  globalStylesheets: [],
  search: false,
  linkify: false,
  cleanUrls: true,
  pages: [
    {name: "Overblik", path: "/"},
    {name: "English", path: "/en/"}
  ],
  head: '<link rel="icon" href="data:,">',
  footer: "Syntetiske data · Synthetic data. Region Hovedstaden – mentorordninger og frafald."
};
