import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { problemMessage } from "../../components/errors";
import { forumApi, forumKeys, updatePost, type Post } from "./api";
import { REACTIONS, type Reaction } from "./constants";

/**
 * "Me too", "Sending strength", "This helped": one of each per person, no
 * down-votes. Others' posts get toggle buttons; one's own shows the counts only.
 */
export function Reactions({ post }: { post: Post }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Reaction | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!post.can.react) {
    const given = REACTIONS.filter((kind) => post.reactions[kind] > 0);
    if (given.length === 0) return null;
    return (
      <p className="reaction-summary">
        {given.map((kind) => (
          <span key={kind} className="reaction-static">
            {t(`forums.reactions.${kind}`)} <span className="reaction-count">{post.reactions[kind]}</span>
          </span>
        ))}
      </p>
    );
  }

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
    <div className="reactions">
      <div className="reaction-buttons" role="group" aria-label={t("forums.reactions.label")}>
        {REACTIONS.map((kind) => {
          const pressed = post.myReactions.includes(kind);
          return (
            <button
              key={kind}
              type="button"
              className={pressed ? "reaction reaction-on" : "reaction"}
              aria-pressed={pressed}
              aria-busy={busy === kind || undefined}
              onClick={() => void toggle(kind)}
            >
              <span>{t(`forums.reactions.${kind}`)}</span>
              <span className="reaction-count">{post.reactions[kind]}</span>
            </button>
          );
        })}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
