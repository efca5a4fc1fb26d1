// What each kind of notification says, in the reader's language. The row keeps
// only the kind and its parameters, so a person who switches language reads
// their old notifications in the new one too.
import type { NotificationKind } from "@kindred/contracts";

export type Locale = "en" | "es";
type Params = Record<string, string>;

const ROLE_NAMES: Record<Locale, Record<string, string>> = {
  en: { specialist: "Peer Support Specialist", facilitator: "Facilitator", moderator: "Moderator", admin: "Administrator" },
  es: { specialist: "Especialista de Apoyo entre Pares", facilitator: "Facilitador/a", moderator: "Moderador/a", admin: "Administrador/a" },
};

const ANONYMOUS: Record<Locale, string> = { en: "An anonymous member", es: "Una persona anónima" };
const who = (locale: Locale, p: Params) => (p.who === "anonymous" || !p.who ? ANONYMOUS[locale] : p.who);

const role = (locale: Locale, p: Params) => ROLE_NAMES[locale][p.role ?? ""] ?? p.role ?? "";

export const MESSAGES: Record<NotificationKind, Record<Locale, (p: Params) => string>> = {
  "account.role_granted": {
    en: (p) => `You are now a ${role("en", p)} in this community. Thank you for stepping up.`,
    es: (p) => `Ahora tienes el rol de ${role("es", p)} en esta comunidad. Gracias por dar el paso.`,
  },
  "account.role_revoked": {
    en: (p) => `Your ${role("en", p)} role has ended.`,
    es: (p) => `Tu rol de ${role("es", p)} ha terminado.`,
  },
  "account.approved": {
    en: () => "Your account has been approved. Welcome — we're glad you're here.",
    es: () => "Tu cuenta ha sido aprobada. Bienvenida/o: nos alegra que estés aquí.",
  },
  // `who` is a pseudonym, or "anonymous" for an anonymous post (never the person behind it).
  "forum.reply": {
    en: (p) => `${who("en", p)} replied in “${p.title ?? ""}”.`,
    es: (p) => `${who("es", p)} respondió en «${p.title ?? ""}».`,
  },
  "forum.mention": {
    en: (p) => `${who("en", p)} mentioned you in “${p.title ?? ""}”.`,
    es: (p) => `${who("es", p)} te mencionó en «${p.title ?? ""}».`,
  },
  "forum.new_topic": {
    en: (p) => `New topic in ${p.category ?? ""}: “${p.title ?? ""}”.`,
    es: (p) => `Tema nuevo en ${p.category ?? ""}: «${p.title ?? ""}».`,
  },
  "safety.crisis_alert": {
    en: () => "Someone may need help right now. Please open the on-call queue.",
    es: () => "Alguien podría necesitar ayuda ahora mismo. Abre la cola de guardia.",
  },
  "safety.escalation": {
    en: () => "Nobody has answered an urgent alert yet. Please open the on-call queue now.",
    es: () => "Nadie ha respondido aún a una alerta urgente. Abre la cola de guardia ahora.",
  },
  "conversation.message": {
    en: (p) => `${who("en", p)} sent you a private message`,
    es: (p) => `${who("es", p)} te envió un mensaje privado`,
  },
  "group.join_request": {
    en: (p) => `${p.who ?? ""} asked to join ${p.group ?? ""}.`,
    es: (p) => `${p.who ?? ""} pidió unirse a ${p.group ?? ""}.`,
  },
  "group.joined": {
    en: (p) => `You are now in ${p.group ?? ""}. Welcome.`,
    es: (p) => `Ya formas parte de ${p.group ?? ""}. Te damos la bienvenida.`,
  },
  "group.invited": {
    en: (p) => `${p.who ?? ""} invited you to join ${p.group ?? ""}.`,
    es: (p) => `${p.who ?? ""} te invitó a unirte a ${p.group ?? ""}.`,
  },
  "group.announcement": {
    en: (p) => `New announcement in ${p.group ?? ""}.`,
    es: (p) => `Nuevo anuncio en ${p.group ?? ""}.`,
  },
};

export function renderNotification(kind: string, params: Params, locale: Locale): string {
  const templates = MESSAGES[kind as NotificationKind];
  return templates ? templates[locale](params) : kind;
}

/** E-mail wording. Subjects stay discreet: they show on lock screens and shared inboxes. */
export const EMAIL_TEXT: Record<
  Locale,
  { subject: (org: string) => string; digestSubject: (org: string) => string; intro: string; digestIntro: (n: number) => string; open: string; unsubscribe: string; digestUnsubscribe: string; why: string }
> = {
  en: {
    subject: (org) => `${org}: you have a new notification`,
    digestSubject: (org) => `${org}: your notification digest`,
    intro: "Here is something new for you:",
    digestIntro: (n) => (n === 1 ? "One thing happened since your last digest:" : `${n} things happened since your last digest:`),
    open: "Open in Kindred",
    unsubscribe: "Stop e-mails like this one",
    digestUnsubscribe: "Stop digest e-mails",
    why: "You receive this because of your notification settings.",
  },
  es: {
    subject: (org) => `${org}: tienes una notificación nueva`,
    digestSubject: (org) => `${org}: tu resumen de notificaciones`,
    intro: "Hay algo nuevo para ti:",
    digestIntro: (n) => (n === 1 ? "Pasó una cosa desde tu último resumen:" : `Pasaron ${n} cosas desde tu último resumen:`),
    open: "Abrir en Kindred",
    unsubscribe: "No recibir más correos como este",
    digestUnsubscribe: "No recibir más resúmenes",
    why: "Recibes este correo por tu configuración de notificaciones.",
  },
};
