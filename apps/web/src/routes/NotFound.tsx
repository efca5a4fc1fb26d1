import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../components/Page";

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="narrow stack">
      <PageHeading title={t("notFound.title")} lead={t("notFound.lead")} />
      <p>{t("notFound.help")}</p>
      <p>
        <Link className="button button-primary" to="/">
          {t("notFound.home")}
        </Link>
      </p>
    </div>
  );
}
