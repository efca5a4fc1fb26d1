import { useTranslation } from "react-i18next";
import { PageHeading } from "../components/Page";

/** When a page fails to render: calm words and a way back, never a stack trace. */
export default function RouteError() {
  const { t } = useTranslation();
  return (
    <div className="narrow stack">
      <PageHeading title={t("routeError.title")} lead={t("routeError.lead")} />
      <p>
        <a className="button button-primary" href="/">
          {t("notFound.home")}
        </a>
      </p>
    </div>
  );
}
