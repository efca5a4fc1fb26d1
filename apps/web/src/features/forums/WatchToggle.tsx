import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EyeIcon } from "../../components/icons";
import { forumApi, forumKeys } from "./api";
import { ToggleButton } from "./ToggleButton";

/** Watch a category: told about each new topic in it. */
export function WatchCategoryToggle({ id, name, watching }: { id: string; name: string; watching: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ToggleButton
      pressed={watching}
      icon={<EyeIcon />}
      onToggle={async (on) => {
        await forumApi.watchCategory(id, on);
        void queryClient.invalidateQueries({ queryKey: forumKeys.categories });
      }}
    >
      {t("forums.watch.category")}
      <span className="visually-hidden"> {name}</span>
    </ToggleButton>
  );
}

/** Watch a topic: told about each reply to it. */
export function WatchTopicToggle({ id, watching }: { id: string; watching: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ToggleButton
      pressed={watching}
      icon={<EyeIcon />}
      onToggle={async (on) => {
        await forumApi.watchTopic(id, on);
        void queryClient.invalidateQueries({ queryKey: forumKeys.topic(id) });
      }}
    >
      {t("forums.watch.topic")}
    </ToggleButton>
  );
}
