// The page's answer in words: three or four sentences computed from the same
// published figures as the charts below them, shown right under the page title.
export interface KeyFindingsOptions {
  /** Heading of the block ("Det vigtigste" / "Key findings"). */
  title: string;
  /** id of the heading (a real anchor; the block is labelled by it). */
  id?: string;
}

/** A list of finding sentences; sentences that could not be written (null: the figure is hidden or missing) are left out. */
export function KeyFindings(
  sentences: readonly (string | null | undefined)[],
  {title, id = "key-findings"}: KeyFindingsOptions
): HTMLElement {
  const section = document.createElement("section");
  section.className = "key-findings";
  section.setAttribute("aria-labelledby", id);
  const heading = document.createElement("h2");
  heading.id = id;
  heading.textContent = title;
  const list = document.createElement("ul");
  for (const s of sentences) {
    if (!s) continue;
    const li = document.createElement("li");
    li.textContent = s;
    list.append(li);
  }
  section.append(heading, list);
  return section;
}
