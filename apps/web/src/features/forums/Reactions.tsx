import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { problemMessage } from "../../components/errors";
import { forumApi, forumKeys, updatePost, type Post } from "./api";
import type { Reaction } from "./constants";
import { ReactionBar } from "./ReactionBar";

/**
 * "Me too", "Sending strength", "This helped": one of each per person, no
 * down-votes. Others' posts get toggle buttons; one's own shows the counts only.
 */
export function Reactions({ post }: { post: Post }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Reaction | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function toggle(kind: Reaction) {
    if (busy) return;
    const on = !post.myReactions.includes(kind);
    setBusy(kind);
    setError(null);
    // Answer at once; the server's counts replace these when it replies.
    updatePost(queryClient, post.topicId, post.id, {
      myReactions: on ? [...post.myReactions, kind] : post.myReactions.filter((k) => k !== kind),
      reactions: { ...post.reactions, [kind]: Math.max(0, post.reactions[kind] + (on ? 1 : -1)) },
    });
    try {
      const state = await forumApi.react(post.id, kind, on);
      updatePost(queryClient, post.topicId, post.id, state);
    } catch (err) {
      // Already so on the server (another tab): its version of the post is the truth.
      if (!(err instanceof ApiError && err.status === 409)) setError(problemMessage(t, err));
      void queryClient.invalidateQueries({ queryKey: forumKeys.topic(post.topicId) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <ReactionBar
      count={(kind) => post.reactions[kind]}
      mine={post.myReactions}
      canReact={post.can.react}
      busy={busy}
      error={error}
      onToggle={(kind) => void toggle(kind)}
    />
  );
}
