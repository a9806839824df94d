import { badRequest } from "./errors.server";

/**
 * Conform reserves these names for its intent buttons and form state and
 * parses them as JSON before our schema runs; our forms validate in the
 * browser and never send them, so a request that does is not one of ours.
 */
const CONFORM_RESERVED = ["__intent__", "__state__"];

/**
 * Conform turns `name[99999999]` into an array of that length and merges
 * repeated names one copy at a time, so a few bytes of either cost seconds
 * of CPU. Our largest form (the checklist) sends about fifty fields and
 * lists of at most fifteen.
 */
export const FORM_LIMITS = { fields: 500, listIndex: 99 } as const;

const LIST_INDEX = /\[(\d+)\]/g;

/**
 * The posted form, or a 400: a body that is not a web form (JSON, plain
 * text, broken multipart) makes `request.formData()` throw, which would
 * otherwise surface as a 500; and a form no page of ours sends is refused
 * before conform spends time on it.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest("Send the form as a web form.");
  }
  let fields = 0;
  for (const name of form.keys()) {
    if (++fields > FORM_LIMITS.fields) throw badRequest("That form has too many fields.");
    if (CONFORM_RESERVED.includes(name)) throw badRequest();
    for (const [, index] of name.matchAll(LIST_INDEX)) {
      if (Number(index) > FORM_LIMITS.listIndex) throw badRequest("That form has too many entries in a list.");
    }
  }
  return form;
}
