import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useConfig } from "../features/accounts/api";

/** A page's heading and the browser tab's title, kept in step. */
export function PageHeading({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  );
}

export function useDocumentTitle(title: string) {
  const name = useConfig().data?.name ?? "Kindred";
  useEffect(() => {
    document.title = title && title !== name ? `${title} · ${name}` : name;
  }, [title, name]);
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted loading" role="status">
      {t("common.loading")}
    </p>
  );
}

export function Notice({
  tone = "info",
  title,
  children,
}: {
  tone?: "info" | "success" | "problem" | "warm";
  title?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}
