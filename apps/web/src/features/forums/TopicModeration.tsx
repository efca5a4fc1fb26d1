import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { LockIcon, PinIcon } from "../../components/icons";
import { forumApi, forumKeys, refreshForumLists, type TopicSummary, type TopicView } from "./api";
import { ToggleButton } from "./ToggleButton";

/** Moderators pin a topic to the top of its category, or lock it against new replies. */
export function TopicModeration({ topic }: { topic: TopicSummary }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  async function change(body: { pinned?: boolean; locked?: boolean }) {
    const updated = await forumApi.moderateTopic(topic.id, body);
    queryClient.setQueriesData<TopicView>({ queryKey: forumKeys.topic(topic.id) }, (view) =>
      view ? { ...view, topic: { ...view.topic, pinned: updated.pinned, locked: updated.locked } } : view,
    );
    // Whether replies are open for this reader is the server's call: read the page again.
    if (body.locked !== undefined) void queryClient.invalidateQueries({ queryKey: forumKeys.topic(topic.id) });
    refreshForumLists(queryClient);
  }

  return (
    <div className="button-row button-row-tight" role="group" aria-label={t("forums.mod.topicTools")}>
      <ToggleButton pressed={topic.pinned} icon={<PinIcon />} onToggle={(pinned) => change({ pinned })}>
        {t("forums.mod.pin")}
      </ToggleButton>
      <ToggleButton pressed={topic.locked} icon={<LockIcon />} onToggle={(locked) => change({ locked })}>
        {t("forums.mod.lock")}
      </ToggleButton>
    </div>
  );
}
