import { useTranslation } from "react-i18next";
import { PageHeading } from "../../components/Page";
import { ClockIcon, LockIcon, PinIcon } from "../../components/icons";
import type { TopicView } from "./api";
import { AuthorName } from "./AuthorName";
import { ContentWarningChip } from "./ContentWarningChip";
import { TopicModeration } from "./TopicModeration";
import { WatchTopicToggle } from "./WatchToggle";
import { ForumBreadcrumbs } from "./ForumBreadcrumbs";

/** The way back to the category, the title with its chips, and the topic's own tools. */
export function TopicHeader({ view }: { view: TopicView }) {
  const { t } = useTranslation();
  const { topic } = view;
  const replies = Math.max(0, topic.postCount - 1);
  return (
    <>
      <ForumBreadcrumbs category={topic.category} />
      <PageHeading title={topic.title}>
        <p className="topic-heading-meta">
          {topic.pinned ? (
            <span className="chip">
              <PinIcon />
              {t("forums.pinned")}
            </span>
          ) : null}
          {topic.locked ? (
            <span className="chip">
              <LockIcon />
              {t("forums.locked")}
            </span>
          ) : null}
          {topic.held ? (
            <span className="chip chip-held">
              <ClockIcon />
              {t("forums.heldTopic")}
            </span>
          ) : null}
          {topic.contentWarning ? <ContentWarningChip warning={topic.contentWarning} /> : null}
          <span>
            {t("forums.startedBy")} <AuthorName author={topic.author} anonymous={topic.anonymous} />
          </span>
          <span>{t("forums.replies", { count: replies })}</span>
        </p>
      </PageHeading>
      {view.can.watch || view.can.moderate ? (
        <div className="toolbar topic-toolbar">
          {view.can.watch ? <WatchTopicToggle id={topic.id} watching={view.watching} /> : null}
          {view.can.moderate ? <TopicModeration topic={topic} /> : null}
        </div>
      ) : null}
    </>
  );
}
