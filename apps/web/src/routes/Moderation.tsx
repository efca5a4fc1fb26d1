// The review queue: everything waiting for a moderator in one place — members'
// reports, crisis signals, watched words and posts held for approval — the most
// urgent first (a person who may be in crisis before anything else), then the
// oldest. Each card says why in plain words and offers what may be done now.
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormSuccess } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { useMe } from "../features/accounts/api";
import { forumKeys } from "../features/forums/api";
import { moderationKeys, putQueueItem, queueItems, useReviewQueue, type ReviewItem } from "../features/moderation/api";
import type { ReviewAction } from "../features/moderation/constants";
import { isModerationStaff, awaitsTwoFactorForModeration } from "../features/moderation/staff";
import { ReviewCard } from "../features/moderation/ReviewCard";
import { useNow } from "../features/notifications/time";

export default function ModerationPage() {
  return (
    <RequireAuth>
      <StaffOnly>
        <ReviewQueuePage />
      </StaffOnly>
    </RequireAuth>
  );
}

function StaffOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  if (me.status === "active" && isModerationStaff(me)) return <>{children}</>;
  return (
    <div className="narrow stack">
      <PageHeading title={t("moderation.title")} />
      {awaitsTwoFactorForModeration(me) ? (
        <Notice tone="info" title={t("home.twoFactorTitle")}>
          <p>{t("moderation.needsTwoFactor")}</p>
          <p>
            <Link to="/settings#two-factor">{t("home.twoFactorLink")}</Link>
          </p>
        </Notice>
      ) : (
        <Notice tone="info">{t("moderation.notAllowed")}</Notice>
      )}
    </div>
  );
}

function ReviewQueuePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const queue = useReviewQueue();
  const now = useNow();
  const [status, setStatus] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const items = queueItems(queue.data);
  const pendingCount = queue.data?.pages[0]?.pendingCount ?? 0;

  /** Focus the card now at `index` (the one after a settled card), else the last one, else the heading. */
  function focusAt(index: number) {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const cards = listRef.current?.querySelectorAll<HTMLElement>(":scope > li") ?? [];
        const target = cards[Math.min(index, cards.length - 1)] ?? document.querySelector<HTMLElement>("#main h1");
        target?.focus();
      }),
    );
  }

  function onDone(updated: ReviewItem, action: ReviewAction) {
    const index = items.findIndex((i) => i.id === updated.id);
    putQueueItem(queryClient, updated);
    // The post changed in the forums too (hidden, restored, approved, edited).
    void queryClient.invalidateQueries({ queryKey: forumKeys.all });
    const name = updated.author?.pseudonym ?? t("moderation.theAuthor");
    setStatus(t(`moderation.done.${action}`, { name }));
    if (updated.status !== "pending") focusAt(index);
  }

  async function loadMore() {
    const before = items.length;
    await queue.fetchNextPage();
    focusAt(before);
  }

  return (
    <div className="moderation-page stack">
      <PageHeading title={t("moderation.title")} lead={t("moderation.lead")} />
      <div className="toolbar review-toolbar">
        <p className="review-count" data-testid="review-count">
          {queue.data && pendingCount > 0 ? t("moderation.waiting", { count: pendingCount }) : null}
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={queue.isFetching}
          onClick={() => {
            setStatus(null);
            void queryClient.invalidateQueries({ queryKey: moderationKeys.queue });
          }}
        >
          {queue.isFetching && !queue.isPending ? t("common.loading") : t("moderation.refresh")}
        </button>
      </div>
      <FormSuccess message={status} />
      {queue.isPending ? <Loading /> : null}
      {queue.isError && !queue.data ? <QueryError error={queue.error} /> : null}
      {queue.data && items.length === 0 ? (
        <div className="card empty-state">
          <span className="empty-state-mark" aria-hidden="true" />
          <h2 className="h3">{t("moderation.emptyTitle")}</h2>
          <p>{t("moderation.emptyBody")}</p>
        </div>
      ) : null}
      {items.length > 0 ? (
        <ol className="review-queue" ref={listRef} aria-label={t("moderation.listLabel")}>
          {items.map((item) => (
            <ReviewCard
              key={item.id}
              item={item}
              now={now}
              onDone={onDone}
              onChanged={(message) => {
                setStatus(message);
                void queryClient.invalidateQueries({ queryKey: moderationKeys.queue });
              }}
            />
          ))}
        </ol>
      ) : null}
      {queue.hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={queue.isFetchingNextPage}
            onClick={() => void loadMore()}
          >
            {queue.isFetchingNextPage ? t("common.loading") : t("moderation.loadMore")}
          </button>
        </div>
      ) : null}
      {queue.isFetchNextPageError ? <QueryError error={queue.error} /> : null}
    </div>
  );
}
