/**
 * Just enough HTML reading for a simulated person to do what they would do
 * on the page: follow a link, or send a form with the hidden fields it holds.
 */

export interface PageForm {
  action: string | null;
  /** Hidden and prefilled inputs, name to value (the last one wins, as in a browser). */
  fields: Record<string, string>;
  /** Submit buttons that carry a name=value of their own. */
  buttons: { name: string; value: string }[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" };

function decode(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, name: string) => ENTITIES[name] ?? "");
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(/([a-zA-Z][\w-]*)="([^"]*)"/g))
    found[name!.toLowerCase()] = decode(value!);
  return found;
}

export function formsIn(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const fields: Record<string, string> = {};
    const buttons: PageForm["buttons"] = [];
    for (const [tag] of inner!.matchAll(/<(?:input|button)\b[^>]*>/g)) {
      const a = attributes(tag);
      if (!a.name) continue;
      if (tag.startsWith("<button")) buttons.push({ name: a.name, value: a.value ?? "" });
      else if (a.type === "hidden" || a.value !== undefined) fields[a.name] = a.value ?? "";
    }
    forms.push({ action: attributes(`<form ${open}>`).action ?? null, fields, buttons });
  }
  return forms;
}

/** The forms whose hidden `intent` (or a button's) is `intent`. */
export function formsWithIntent(html: string, intent: string): PageForm[] {
  return formsIn(html).filter(
    (f) => f.fields.intent === intent || f.buttons.some((b) => b.name === "intent" && b.value === intent),
  );
}

/** Distinct ids in links like /meetings/<uuid> (or /meetings/<uuid>/pulse with a suffix), in page order. */
export function linkedIds(html: string, prefix: string, suffix = ""): string[] {
  const pattern = new RegExp(
    `href="${prefix}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${suffix}"`,
    "g",
  );
  return [...new Set([...html.matchAll(pattern)].map((m) => m[1]!))];
}
