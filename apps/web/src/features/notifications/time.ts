import { useEffect, useState } from "react";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "yesterday", then a date: in the reader's language. */
export function relativeTime(iso: string, now: number, locale: string, justNow: string): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return "";
  const diff = then - now;
  const ago = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (ago < MINUTE) return justNow;
  if (ago < HOUR) return rtf.format(Math.round(diff / MINUTE), "minute");
  if (ago < DAY) return rtf.format(Math.round(diff / HOUR), "hour");
  if (ago < 7 * DAY) return rtf.format(Math.round(diff / DAY), "day");
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { day: "numeric", month: "long" } : { dateStyle: "medium" }).format(
    then,
  );
}

/** The full date and time, for a tooltip and screen readers that ask for it. */
export function fullTime(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }).format(date);
}

/** The current time, refreshed every minute so relative times stay true on an open page. */
export function useNow(every = MINUTE): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), every);
    return () => window.clearInterval(timer);
  }, [every]);
  return now;
}
