// What a moderator's action says to the author, in the author's language and
// with times in their own time zone. A moderator's own note follows it as written.
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";

type Reader = { locale: "en" | "es"; timeZone: string };

export async function readerOf(db: Db, userId: string): Promise<Reader> {
  const [row] = await selectRows<{ locale: string | null; timeZone: string | null }>(
    db,
    sql`select p.locale, p.time_zone as "timeZone" from profile p where p.user_id = ${userId}`,
  );
  return { locale: row?.locale === "es" ? "es" : "en", timeZone: row?.timeZone ?? "UTC" };
}

function when(reader: Reader, at: Date) {
  try {
    return new Intl.DateTimeFormat(reader.locale, { dateStyle: "full", timeStyle: "short", timeZone: reader.timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(reader.locale, { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }).format(at) + " UTC";
  }
}

const withNote = (text: string, note?: string) => (note ? `${text}\n\n${note}` : text);

export function methodDetailsRemovedText(reader: Reader, topicTitle: string | null, note?: string) {
  const text =
    reader.locale === "es"
      ? `Una persona del equipo de moderación quitó de tu publicación${topicTitle ? ` en «${topicTitle}»` : ""} algunos detalles sobre métodos. ` +
        `Kindred no los mantiene a la vista para cuidar a todas las personas que leen. El resto de tus palabras sigue tal como lo escribiste, y aquí eres bienvenida o bienvenido.`
      : `A moderator removed some details about methods from your post${topicTitle ? ` in “${topicTitle}”` : ""}. Kindred does not keep them in public, ` +
        `to keep everyone reading safe. The rest of your words are as you wrote them, and you are welcome here.`;
  return withNote(text, note);
}

export function postingPausedText(reader: Reader, until: Date, note?: string) {
  const text =
    reader.locale === "es"
      ? `Una persona del equipo de moderación pausó tus publicaciones hasta el ${when(reader, until)}. Puedes seguir leyendo, responder al equipo de apoyo ` +
        `y pedir hablar con alguien en cualquier momento.`
      : `A moderator paused your posting until ${when(reader, until)}. You can still read, reply to the safety team, ` +
        `and ask to talk to someone now at any time.`;
  return withNote(text, note);
}
