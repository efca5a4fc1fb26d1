// Data every organization starts with (not demo content): the verified crisis
// lines from the product brief and the first community guidelines. Admins edit both.
import type { CrisisLineInput } from "@kindred/contracts";

export const BASELINE_CRISIS_LINES: CrisisLineInput[] = [
  { country: "US", name: "988 Suicide & Crisis Lifeline", kind: "call", contact: "988", description: "Call, text or chat, any time, day or night.", url: null, sortOrder: 10 },
  { country: "US", name: "Crisis Text Line", kind: "text", contact: "741741", description: "Text HOME to 741741 to reach a trained volunteer.", url: null, sortOrder: 20 },
  { country: "US", name: "SAMHSA National Helpline", kind: "call", contact: "1-800-662-4357", description: "Free, confidential treatment referral and information about substance use and mental health.", url: null, sortOrder: 30 },
  { country: "US", name: "Emergency services", kind: "emergency", contact: "911", description: "If you or someone near you is in immediate danger.", url: null, sortOrder: 90 },
  { country: "CA", name: "988 Suicide Crisis Helpline", kind: "call", contact: "988", description: "Call or text, any time, day or night.", url: null, sortOrder: 10 },
  { country: "CA", name: "Emergency services", kind: "emergency", contact: "911", description: "If you or someone near you is in immediate danger.", url: null, sortOrder: 90 },
  { country: "GB", name: "Samaritans", kind: "call", contact: "116 123", description: "Free to call, any time, day or night.", url: null, sortOrder: 10 },
  { country: "GB", name: "Emergency services", kind: "emergency", contact: "999", description: "If you or someone near you is in immediate danger.", url: null, sortOrder: 90 },
  { country: "IE", name: "Samaritans", kind: "call", contact: "116 123", description: "Free to call, any time, day or night.", url: null, sortOrder: 10 },
  { country: "IE", name: "Emergency services", kind: "emergency", contact: "112", description: "112 or 999, if you or someone near you is in immediate danger.", url: null, sortOrder: 90 },
  { country: "AU", name: "Lifeline", kind: "call", contact: "13 11 14", description: "Call any time, day or night.", url: null, sortOrder: 10 },
  { country: "AU", name: "Lifeline text", kind: "text", contact: "0477 13 11 14", description: "Text Lifeline's crisis support service.", url: null, sortOrder: 20 },
  { country: "AU", name: "Emergency services", kind: "emergency", contact: "000", description: "If you or someone near you is in immediate danger.", url: null, sortOrder: 90 },
  { country: "EU", name: "European emergency number", kind: "emergency", contact: "112", description: "Works in every EU country, if you or someone near you is in immediate danger.", url: null, sortOrder: 90 },
];

/** EU member states: where no national line is configured, the EU-wide lines apply. */
export const EU_COUNTRIES = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
  "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]);

export const BASELINE_GUIDELINES = {
  en: [
    "Welcome. Kindred is a peer support community: people with lived experience of recovery supporting each other.",
    "1. Be kind. Speak from your own experience and listen without judgement.",
    "2. Protect anonymity — yours and everyone's. What is shared here stays here. No last names, no identifying details about others.",
    "3. Every path to recovery is valid: 12-step, SMART, medication-assisted, harm reduction, faith-based, secular or your own.",
    "4. Use person-first language. We are people in recovery, not labels.",
    "5. No selling, no spam, no sharing of ways to obtain substances or to harm yourself.",
    "6. Peer support is not a substitute for medical or emergency care. If you are in danger, use \"Get help now\" at the top of every page.",
    "7. If something here worries you, flag it. Moderators are here to keep this space safe.",
  ].join("\n"),
  es: [
    "Te damos la bienvenida. Kindred es una comunidad de apoyo entre pares: personas con experiencia vivida en recuperación que se apoyan mutuamente.",
    "1. Sé amable. Habla desde tu propia experiencia y escucha sin juzgar.",
    "2. Protege el anonimato, el tuyo y el de todas las personas. Lo que se comparte aquí se queda aquí. Sin apellidos ni datos que identifiquen a otras personas.",
    "3. Todos los caminos de recuperación son válidos: 12 pasos, SMART, tratamiento asistido con medicamentos, reducción de daños, basados en la fe, laicos o el tuyo propio.",
    "4. Usa un lenguaje que ponga a la persona primero. Somos personas en recuperación, no etiquetas.",
    "5. No se permite vender, hacer spam ni compartir formas de conseguir sustancias o de hacerse daño.",
    "6. El apoyo entre pares no sustituye la atención médica ni de emergencia. Si estás en peligro, usa «Ayuda ahora» en la parte superior de cada página.",
    "7. Si algo te preocupa, repórtalo. El equipo de moderación está aquí para cuidar este espacio.",
  ].join("\n"),
};
