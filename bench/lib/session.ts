// Signs a member up through the real API, as a browser would, and returns the
// session cookies ready to send back in a Cookie header.
const COOKIE_PREFIX = "__Secure-kindred.";

export async function signUpMember(baseUrl: string, pseudonym: string, password: string): Promise<string> {
  return (await signUpPerson(baseUrl, pseudonym, password)).cookie;
}

/** The same sign-up, also returning the new person's id (the real-time benchmark notifies them by it). */
export async function signUpPerson(
  baseUrl: string,
  pseudonym: string,
  password: string,
): Promise<{ id: string; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/auth/sign-up`, {
    method: "POST",
    // Writes are refused without an Origin header from the server's own origin.
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ pseudonym, password, acceptedGuidelinesVersion: 1 }),
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status !== 201) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  const pairs = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!.trim())
    .filter((pair) => pair.startsWith(COOKIE_PREFIX));
  if (pairs.length === 0) throw new Error("sign-up set no session cookie");
  const body = (await res.json()) as { me?: { id?: unknown } };
  if (typeof body.me?.id !== "string") throw new Error("sign-up answered without the new person's id");
  return { id: body.me.id, cookie: pairs.join("; ") };
}

/** One request before the load: a benchmark of 401s or 404s would measure nothing useful. */
export async function expectOk(url: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
}
