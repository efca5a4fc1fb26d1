import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { problemMessage } from "../../components/errors";
import type { Reaction } from "../forums/constants";
import { ReactionBar } from "../forums/ReactionBar";
import { groupApi, groupKeys, updateFeedPost, type GroupPost } from "./api";

/**
 * The forums' reactions in a group's feed: "Me too", "Sending strength", "This
 * helped", one of each per person. Others' posts get toggle buttons; one's own
 * shows the counts only.
 */
export function GroupReactions({ slug, post }: { slug: string; post: GroupPost }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Reaction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = (kind: Reaction) => post.reactions[kind] ?? 0;

  async function toggle(kind: Reaction) {
    if (busy) return;
    const on = !post.mine.includes(kind);
    setBusy(kind);
    setError(null);
    // Answer at once; the server's counts replace these when it replies.
    updateFeedPost(queryClient, slug, post.id, (p) => ({
      ...p,
      mine: on ? [...p.mine, kind] : p.mine.filter((k) => k !== kind),
      reactions: { ...p.reactions, [kind]: Math.max(0, (p.reactions[kind] ?? 0) + (on ? 1 : -1)) },
    }));
    try {
      const fresh = await groupApi.react(slug, post.id, kind, on);
      updateFeedPost(queryClient, slug, post.id, () => fresh);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409)) setError(problemMessage(t, err));
      void queryClient.invalidateQueries({ queryKey: groupKeys.feed(slug) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <ReactionBar
      count={count}
      mine={post.mine}
      canReact={post.can.react}
      busy={busy}
      error={error}
      onToggle={(kind) => void toggle(kind)}
    />
  );
}
