// Observable Framework configuration. Danish pages at the root, English under /en/
// (generated from the Danish sources by loaders/cli/prepare.ts).
import {PAGES} from "./src/i18n/pages.ts";

export default {
  title: "Mentorordninger og fastholdelse",
  root: "src",
  theme: "dashboard",
  // The default stylesheet pulls fonts from Google; a Danish public site may not send visitors there.
  globalStylesheets: [],
  // Imports the dashboard theme and adds the site's own rules (system fonts, print on A4).
  style: "style.css",
  search: false,
  linkify: false,
  preserveExtension: false,
  preserveIndex: false,
  pages: [
    ...PAGES.slice(1).map((p) => ({name: p.da.title, path: p.da.path})),
    {name: "English", open: false, pages: PAGES.map((p) => ({name: p.en.title, path: p.en.path}))}
  ],
  head: '<link rel="icon" href="data:,">',
  // what the data are is said at the top of every page, from the warehouse (loaders/analysis/notice.ts), never here
  footer: "Region Hovedstaden: mentorordninger og frafald · mentoring schemes and dropout."
};
