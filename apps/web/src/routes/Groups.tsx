// The groups everyone may browse: open ones to visitors, and for members also
// private ones and those they belong to. A search box, "only my groups", and
// "Start a group" for the facilitators who may.
import { useEffect, useState, type FormEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CheckboxField, FormSuccess } from "../components/FormField";
import { PlusIcon, SearchIcon } from "../components/icons";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { useMe } from "../features/accounts/api";
import { useGroupList } from "../features/groups/api";
import { GroupCard } from "../features/groups/GroupCard";
import { useArrivalNotice } from "../features/groups/useArrivalNotice";

export default function GroupsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  // Stepping out of an invitation-only group leads here: it is no longer there to return to.
  const notice = useArrivalNotice();
  const q = (params.get("q") ?? "").trim();
  const signedIn = !!me.data;
  const mine = signedIn && params.get("mine") === "true";
  const list = useGroupList({ q, mine }, !me.isPending);
  const [draft, setDraft] = useState(q);
  // Back and forward move the search too.
  useEffect(() => setDraft(q), [q]);

  function update(next: { q?: string; mine?: boolean }) {
    const search = new URLSearchParams(params);
    const nq = (next.q ?? q).trim();
    const nmine = next.mine ?? mine;
    if (nq) search.set("q", nq);
    else search.delete("q");
    if (nmine) search.set("mine", "true");
    else search.delete("mine");
    setParams(search, { replace: true });
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update({ q: draft });
  }

  const items = list.data?.items ?? [];
  return (
    <div className="groups-page stack-lg">
      <PageHeading title={t("groups.title")} lead={t("groups.lead")}>
        {list.data?.can.create ? (
          <div className="button-row">
            <Link to="/groups/new" className="button button-primary">
              <PlusIcon />
              {t("groups.start")}
            </Link>
          </div>
        ) : null}
      </PageHeading>

      <FormSuccess message={notice === "left" || notice === "declined" ? t(`groups.actions.${notice}`) : null} />
      {me.data === null ? (
        <Notice tone="info">
          <p>
            <Trans
              i18nKey="groups.visitorNote"
              components={{ signIn: <Link to="/sign-in" />, signUp: <Link to="/sign-up" /> }}
            />
          </p>
        </Notice>
      ) : null}
      {me.data?.status === "pending" ? <Notice tone="warm">{t("groups.pendingNote")}</Notice> : null}
      {me.data?.status === "suspended" ? <Notice tone="info">{t("groups.suspendedNote")}</Notice> : null}

      <section className="stack" aria-labelledby="groups-list-title">
        <h2 id="groups-list-title" className="visually-hidden">
          {t("groups.listLabel")}
        </h2>
        <form className="group-search card" role="search" onSubmit={onSearch} aria-label={t("groups.search.label")}>
          <div className="group-search-row">
            <div className="field">
              <label className="field-label" htmlFor="group-search-q">
                {t("groups.search.label")}
              </label>
              <input
                id="group-search-q"
                className="input"
                type="search"
                name="q"
                maxLength={100}
                value={draft}
                placeholder={t("groups.search.placeholder")}
                onChange={(e) => setDraft(e.target.value)}
              />
            </div>
            <button type="submit" className="button button-primary">
              <SearchIcon />
              {t("groups.search.submit")}
            </button>
          </div>
          <div className="group-search-tools">
            {signedIn ? (
              <CheckboxField
                label={t("groups.search.mine")}
                checked={mine}
                onChange={(e) => update({ mine: e.target.checked })}
              />
            ) : null}
            {q ? (
              <button type="button" className="link-button" onClick={() => update({ q: "" })}>
                {t("groups.search.clear")}
              </button>
            ) : null}
          </div>
        </form>

        <p className="muted group-count" role="status" aria-live="polite">
          {list.data
            ? q
              ? t("groups.search.resultsFor", { count: items.length, q })
              : t("groups.search.results", { count: items.length })
            : ""}
        </p>

        {list.isPending ? <Loading /> : null}
        {list.isError ? <QueryError error={list.error} /> : null}
        {list.data && items.length === 0 ? (
          <p className="card muted">
            {q ? t("groups.emptySearch", { q }) : mine ? t("groups.emptyMine") : t("groups.empty")}
          </p>
        ) : null}
        {items.length > 0 ? (
          <ul className="group-list" aria-labelledby="groups-list-title">
            {items.map((group) => (
              <GroupCard key={group.id} group={group} />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
