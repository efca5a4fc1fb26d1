import { useTranslation } from "react-i18next";
import { problemMessage } from "./errors";

/** A failed load, said plainly; never a stack trace. */
export function QueryError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-problem" role="alert">
      {problemMessage(t, error)}
    </div>
  );
}
