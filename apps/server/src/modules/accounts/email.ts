// E-mail is optional in Kindred but required by better-auth: people who give none
// get an address on the reserved `.invalid` domain, which can never be delivered.
const PLACEHOLDER_DOMAIN = "no-email.kindred.invalid";

export const placeholderEmail = () => `${crypto.randomUUID()}@${PLACEHOLDER_DOMAIN}`;
export const isPlaceholderEmail = (email: string) => email.endsWith(`@${PLACEHOLDER_DOMAIN}`);
export const displayEmail = (email: string) => (isPlaceholderEmail(email) ? null : email);
