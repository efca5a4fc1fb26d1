// Which text-search configuration a post is indexed with. Counting a few very
// common words is enough to tell English from Spanish in a post, costs
// microseconds, and needs no dictionary: anything unclear is indexed as English.
export type PostLanguage = "en" | "es";

const SPANISH = new Set("el la los las de que y en un una por con para es no se lo mi me pero muy esta está estoy como más yo hoy también porque".split(" "));
const ENGLISH = new Set("the and of to a in is it that i my for with was this but am have not you so be on".split(" "));

export function detectLanguage(text: string): PostLanguage {
  let es = 0;
  let en = 0;
  for (const word of text.toLowerCase().match(/[a-záéíóúñü]+/g) ?? []) {
    if (SPANISH.has(word)) es++;
    else if (ENGLISH.has(word)) en++;
  }
  return es > en ? "es" : "en";
}

export const SEARCH_CONFIG: Record<PostLanguage, string> = { en: "english", es: "spanish" };
