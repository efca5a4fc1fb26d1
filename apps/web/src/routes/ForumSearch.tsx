// Full-text search of the forums: words, and optionally a category, an author
// and a date range. The query lives in the address, so a search can be shared or revisited.
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { FormAlert, SelectField, TextField } from "../components/FormField";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { SearchIcon } from "../components/icons";
import { currentLocale } from "../i18n/i18n";
import { useCategories, useSearch, type SearchHit, type SearchParams } from "../features/forums/api";
import { AuthorName } from "../features/forums/AuthorName";
import { ContentWarningChip } from "../features/forums/ContentWarningChip";
import { ForumsGate } from "../features/forums/ForumsGate";
import { SearchSnippet } from "../features/forums/SearchSnippet";
import { fullTime, relativeTime, useNow } from "../features/notifications/time";
import { ForumBreadcrumbs } from "../features/forums/ForumBreadcrumbs";

export default function ForumSearchPage() {
  return (
    <ForumsGate>
      <Search />
    </ForumsGate>
  );
}

const FILTERS = ["category", "author", "from", "to"] as const;

function readParams(params: URLSearchParams): SearchParams | null {
  const q = (params.get("q") ?? "").trim();
  if (q.length < 2) return null;
  const out: SearchParams = { q };
  for (const key of FILTERS) {
    const value = (params.get(key) ?? "").trim();
    if (value) out[key] = value;
  }
  return out;
}

type Errors = { q?: string; author?: string; from?: string; to?: string };

function Search() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = readParams(params);
  const categories = useCategories().data?.items ?? [];
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const filtersOpen = FILTERS.some((key) => params.get(key));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "").trim();
    const next: Errors = {
      q:
        get("q").length < 2
          ? t("forums.search.tooShort")
          : get("q").length > 200
            ? t("validation.tooLong", { max: 200 })
            : undefined,
      author: get("author").length > 30 ? t("validation.tooLong", { max: 30 }) : undefined,
      to: get("from") && get("to") && get("to") < get("from") ? t("forums.search.datesOrder") : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      setFormError(t("errors.validation"));
      const formElement = event.currentTarget;
      requestAnimationFrame(() => formElement.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    setFormError(null);
    const entries = ["q", ...FILTERS].map((k) => [k, get(k)] as const).filter(([, v]) => v);
    setParams(new URLSearchParams(entries as [string, string][]));
  }

  return (
    <div className="search-page stack">
      <ForumBreadcrumbs />
      <PageHeading title={t("forums.search.title")} lead={t("forums.search.lead")} />
      {/* Keyed by the address, so going back and forth refills the fields. */}
      <form key={params.toString()} className="form card search-form" role="search" onSubmit={onSubmit} noValidate>
        <FormAlert message={formError} />
        <div className="inline-form-row">
          <TextField
            label={t("forums.search.words")}
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            maxLength={200}
            error={errors.q}
          />
          <button type="submit" className="button button-primary">
            <SearchIcon />
            {t("forums.search.submit")}
          </button>
        </div>
        <details className="disclosure" open={filtersOpen || undefined}>
          <summary>{t("forums.search.filters")}</summary>
          <div className="grid-2">
            <SelectField
              label={t("forums.search.category")}
              name="category"
              defaultValue={params.get("category") ?? ""}
            >
              <option value="">{t("forums.search.anyCategory")}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t("forums.search.author")}
              hint={t("forums.search.authorHint")}
              name="author"
              defaultValue={params.get("author") ?? ""}
              autoCapitalize="none"
              spellCheck={false}
              error={errors.author}
            />
            <TextField
              label={t("forums.search.from")}
              name="from"
              type="date"
              defaultValue={params.get("from") ?? ""}
              error={errors.from}
            />
            <TextField
              label={t("forums.search.to")}
              name="to"
              type="date"
              defaultValue={params.get("to") ?? ""}
              error={errors.to}
            />
          </div>
        </details>
      </form>
      {search ? <Results search={search} /> : null}
    </div>
  );
}

function Results({ search }: { search: SearchParams }) {
  const { t } = useTranslation();
  const results = useSearch(search);
  const listRef = useRef<HTMLOListElement>(null);
  const now = useNow();
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];

  async function loadMore() {
    const before = items.length;
    await results.fetchNextPage();
    requestAnimationFrame(() =>
      listRef.current?.querySelectorAll<HTMLElement>(":scope > li a.search-title")[before]?.focus(),
    );
  }

  return (
    <section className="stack" aria-labelledby="results-title">
      <h2 id="results-title">{t("forums.search.results")}</h2>
      {results.isPending ? <Loading /> : null}
      {results.isError ? <QueryError error={results.error} /> : null}
      <p role="status" className="muted">
        {results.data
          ? items.length === 0
            ? t("forums.search.none")
            : t("forums.search.count", { count: items.length, more: results.hasNextPage ? "+" : "" })
          : null}
      </p>
      {items.length > 0 ? (
        <ol className="search-results" ref={listRef}>
          {items.map((hit) => (
            <SearchResult key={`${hit.topicId}-${hit.postNumber}`} hit={hit} now={now} />
          ))}
        </ol>
      ) : null}
      {results.hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={results.isFetchingNextPage}
            onClick={() => void loadMore()}
          >
            {results.isFetchingNextPage ? t("common.loading") : t("forums.search.more")}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** A match in a post with a content warning stays folded, as the post itself would. */
function FoldedSnippet({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (open) return <SearchSnippet snippet={hit.snippet} />;
  return (
    <p>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t("forums.search.showExcerpt")}
      </button>
    </p>
  );
}

function SearchResult({ hit, now }: { hit: SearchHit; now: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <li className="search-result card">
      <h3 className="h4">
        <Link
          className="search-title"
          to={`/forums/t/${encodeURIComponent(hit.topicId)}?from=${hit.postNumber}#post-${hit.postNumber}`}
        >
          {hit.topicTitle}
        </Link>
      </h3>
      <p className="topic-meta">
        {hit.contentWarning ? <ContentWarningChip warning={hit.contentWarning} /> : null}
        <Link to={`/forums/c/${encodeURIComponent(hit.category.slug)}`}>{hit.category.name}</Link>
        <span>
          {t("forums.startedBy")} <AuthorName author={hit.author} anonymous={hit.anonymous} />
        </span>
        <time dateTime={hit.createdAt} title={fullTime(hit.createdAt, locale)}>
          {relativeTime(hit.createdAt, now, locale, t("notifications.justNow"))}
        </time>
      </p>
      {hit.contentWarning ? <FoldedSnippet hit={hit} /> : <SearchSnippet snippet={hit.snippet} />}
    </li>
  );
}
