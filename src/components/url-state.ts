// Filters live in the URL: read the initial value from the query string and
// write changes back with replaceState, so a copied link opens the same view.

export function readParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

export function readListParam(name: string, allowed: readonly string[]): string[] | null {
  const raw = readParam(name);
  if (raw === null) return null;
  return raw.split(",").filter((v) => allowed.includes(v));
}

export function writeParams(values: Record<string, string | readonly string[] | null | undefined>) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    const s = Array.isArray(v) ? v.join(",") : (v as string | null | undefined);
    if (s == null || s === "") params.delete(k);
    else params.set(k, s);
  }
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  // Keep the language switch pointing at the same view.
  for (const a of document.querySelectorAll<HTMLAnchorElement>("a[data-lang-switch]")) {
    const url = new URL(a.href);
    url.search = query;
    a.href = url.toString();
  }
}
