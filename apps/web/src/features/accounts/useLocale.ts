import type { Me } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import i18n, { rememberLocale, type Locale } from "../../i18n/i18n";
import { accountApi, meKey, useMe } from "./api";
import { notificationListKey } from "../notifications/api";
import { profileKey } from "../profile/api";

/** A signed-in person's saved language wins over the browser's. */
export function useLocaleFromAccount() {
  const locale = useMe().data?.locale;
  useEffect(() => {
    if (locale && locale !== i18n.resolvedLanguage) void i18n.changeLanguage(locale);
  }, [locale]);
}

/** Switch language now; remember it on this device and, when signed in, on the account. */
export function useChangeLocale() {
  const queryClient = useQueryClient();
  return (locale: Locale) => {
    void i18n.changeLanguage(locale);
    rememberLocale(locale);
    const me = queryClient.getQueryData<Me | null>(meKey);
    if (me) {
      const next: Me = { ...me, locale };
      queryClient.setQueryData(meKey, next);
      accountApi
        .updateLocale(locale)
        .then((profile) => {
          queryClient.setQueryData(profileKey, profile);
          // The server writes notifications in the account's language: ask again for the new one.
          void queryClient.invalidateQueries({ queryKey: notificationListKey });
        })
        .catch(() => {
          // The switch still applies on this device; the account keeps its old choice.
        });
    }
  };
}
