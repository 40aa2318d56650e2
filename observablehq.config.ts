// Observable Framework configuration. Danish pages at the root, English under /en/
// (generated from the Danish sources by loaders/cli/prepare.ts).
import {NAV_PAGES} from "./src/i18n/pages.ts";
import {siteFooter} from "./src/components/footer.ts";

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
  // Framework's "Next page" link is English on every page; the sidebar is the navigation.
  pager: false,
  pages: [
    ...NAV_PAGES.slice(1).map((p) => ({name: p.da.title, path: p.da.path})),
    {name: "English", open: false, pages: NAV_PAGES.map((p) => ({name: p.en.title, path: p.en.path}))}
  ],
  head: '<link rel="icon" href="data:,">',
  // Publisher, contact, release date and the accessibility statement, in the page's language (src/components/footer.ts).
  // What the data are is said at the top of every page, from the warehouse (loaders/analysis/notice.ts), never here.
  footer: ({path}: {path: string}) => siteFooter(path, process.env, new Date())
};
