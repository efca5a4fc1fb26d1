// One item in the review queue: how urgent and why (each flag's source in plain
// words, never who flagged), the words themselves with method details folded
// away, where the content stands, who wrote it (anonymous stays anonymous unless
// a moderator asks, which is recorded), and the actions this moderator may take.
import { forwardRef, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmDialog";
import { FormAlert } from "../../components/FormField";
import { problemMessage } from "../../components/errors";
import { currentLocale } from "../../i18n/i18n";
import { RevealAuthor } from "../forums/ModeratorPostTools";
import { fullTime, relativeTime } from "../notifications/time";
import { ActionDialog, ActionGroup, type Subject } from "./ActionDialog";
import { moderationApi, type ReviewItem } from "./api";
import { PERSON_ACTIONS, type ReviewAction } from "./constants";

/** Buttons in the order a moderator weighs them: what the item waits for first, the author last. */
const DISPLAY_ORDER = [
  "approve",
  "edit_method_details",
  "hide",
  "restore",
  "dismiss",
  "warn",
  "silence",
  "suspend",
] as const satisfies readonly ReviewAction[];
// Every action has its place (a compile-time check).
const _everyAction: [Exclude<ReviewAction, (typeof DISPLAY_ORDER)[number]>] extends [never] ? true : false = true;
import { reasonText, severityText, severityTone, sourceText } from "./labels";
import { MethodExcerpt } from "./MethodExcerpt";

type Props = {
  item: ReviewItem;
  now: number;
  onDone: (updated: ReviewItem, action: ReviewAction) => void;
  /** A change that is not an action on the item (a pause lifted): the queue reloads the item. */
  onChanged: (message: string) => void;
};

export const ReviewCard = forwardRef<HTMLLIElement, Props>(function ReviewCard({ item, now, onDone, onChanged }, ref) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const headingId = useId();
  const tone = severityTone(item);
  const isPost = item.target.kind === "forum_post";
  const ago = (iso: string) => relativeTime(iso, now, locale, t("notifications.justNow"));
  const where = isPost
    ? item.target.topicTitle
      ? t("moderation.postIn", { title: item.target.topicTitle })
      : t("moderation.aPost")
    : t("moderation.aMessage");
  const authorName = item.author?.pseudonym ?? null;
  const subject: Subject = { name: authorName, thing: isPost ? "post" : "message" };
  const context = authorName ? t("moderation.contextBy", { where, name: authorName }) : where;
  const allowed: ReviewAction[] = DISPLAY_ORDER.filter((a) => item.actions.includes(a));
  const crisisTier = Math.max(0, ...item.flags.filter((f) => f.source === "detector").map((f) => f.tier ?? 2));
  const crisis = crisisTier > 0;
  // The one suggested action: approving what waits; for words of crisis, taking out method details
  // (never hiding a cry for help by default); otherwise hiding.
  const suggested: ReviewAction | undefined = allowed.includes("approve")
    ? "approve"
    : crisis
      ? allowed.find((a) => a === "edit_method_details")
      : allowed.find((a) => a === "hide");
  const contentActions = allowed.filter((a) => !PERSON_ACTIONS.includes(a));
  const personActions = allowed.filter((a) => PERSON_ACTIONS.includes(a));

  return (
    <li
      ref={ref}
      id={`review-${item.id}`}
      tabIndex={-1}
      className={`card review-card review-${tone}`}
      aria-labelledby={headingId}
      data-testid="review-card"
      data-state={item.state}
    >
      <div className="review-head">
        <h2 id={headingId} className="review-title">
          <span className={`review-severity review-severity-${tone}`}>{severityText(t, item)}</span>
          <span className="visually-hidden">: {context}</span>
        </h2>
        <ul className="tags review-chips" aria-label={t("moderation.statusLabel")}>
          <li className="chip">
            {isPost ? t("moderation.kind.forum_post") : t("moderation.kind.conversation_message")}
          </li>
          <li className={`chip chip-state-${item.state}`}>
            {isPost || item.state !== "visible"
              ? t(`moderation.state.${item.state}`)
              : t("moderation.stateMessageVisible")}
          </li>
        </ul>
      </div>

      <dl className="review-facts">
        <div>
          <dt>{t("moderation.whereLabel")}</dt>
          <dd>{where}</dd>
        </div>
        <div>
          <dt>{t("moderation.authorLabel")}</dt>
          <dd>
            {item.author ? (
              <>
                <Link to={`/members/${encodeURIComponent(item.author.pseudonym)}`}>{item.author.pseudonym}</Link>
                {item.author.status === "suspended" ? (
                  <span className="review-person-note">{t("moderation.authorSuspended")}</span>
                ) : null}
                {item.author.silencedUntil ? (
                  <span className="review-person-note">
                    {t("moderation.pausedUntil", { when: fullTime(item.author.silencedUntil, locale) })}
                  </span>
                ) : null}
              </>
            ) : item.anonymous ? (
              t("moderation.anonymousAuthor")
            ) : (
              t("moderation.authorGone")
            )}
          </dd>
        </div>
        <div>
          <dt>{t("moderation.raisedLabel")}</dt>
          <dd>
            <time dateTime={item.createdAt} title={fullTime(item.createdAt, locale)}>
              {ago(item.createdAt)}
            </time>
          </dd>
        </div>
      </dl>

      {crisis ? (
        <p className="review-guidance">
          {crisisTier >= 3 ? t("moderation.crisisGuidanceAlerted") : t("moderation.crisisGuidance")}
        </p>
      ) : null}

      <MethodExcerpt
        text={item.excerpt}
        spans={item.methodSpans}
        empty={item.state === "removed" ? t("moderation.excerptRemoved") : t("moderation.excerptEmpty")}
      >
        {item.target.link ? (
          <Link to={item.target.link}>
            {t("moderation.openPost")}
            <span className="visually-hidden"> ({where})</span>
          </Link>
        ) : isPost ? null : (
          <span className="muted">{t("moderation.privateNote")}</span>
        )}
      </MethodExcerpt>

      <div className="review-flags-block">
        <h3 className="review-subtitle">{t("moderation.flagsTitle", { count: item.flags.length })}</h3>
        <ul className="review-flags">
          {item.flags.map((flag) => (
            <li key={flag.id}>
              <span className="review-flag-source">{sourceText(t, flag.source)}</span>
              <span className="review-flag-reason">{reasonText(t, flag)}</span>
              <time className="muted small" dateTime={flag.createdAt} title={fullTime(flag.createdAt, locale)}>
                {ago(flag.createdAt)}
              </time>
              {flag.note ? (
                flag.source === "member" ? (
                  <span className="review-flag-note">“{flag.note}”</span>
                ) : (
                  <span className="review-flag-note review-flag-note-system">{flag.note}</span>
                )
              ) : null}
            </li>
          ))}
        </ul>
      </div>

      {item.anonymous && isPost && !item.author ? (
        <div className="review-reveal">
          <RevealAuthor postId={item.target.id} />
        </div>
      ) : null}

      {contentActions.length > 0 || personActions.length > 0 || item.author?.silencedUntil ? (
        <div className="review-actions">
          {contentActions.length > 0 ? (
            <ActionGroup label={t(`moderation.aboutThe.${subject.thing}`)}>
              {contentActions.map((action) => (
                <ActionDialog
                  key={action}
                  item={item}
                  action={action}
                  subject={subject}
                  context={context}
                  className={
                    action === suggested ? "button button-primary button-small" : "button button-secondary button-small"
                  }
                  onDone={onDone}
                />
              ))}
            </ActionGroup>
          ) : null}
          {personActions.length > 0 || item.author?.silencedUntil ? (
            <ActionGroup label={t("moderation.aboutTheAuthor")}>
              {personActions.map((action) => (
                <ActionDialog
                  key={action}
                  item={item}
                  action={action}
                  subject={subject}
                  context={context}
                  className="button button-secondary button-small"
                  onDone={onDone}
                />
              ))}
              {item.author?.silencedUntil ? (
                <LiftPause userId={item.author.id} name={item.author.pseudonym} onChanged={onChanged} />
              ) : null}
            </ActionGroup>
          ) : null}
        </div>
      ) : null}
    </li>
  );
});

/** Lets a paused person post again before their time is up. */
function LiftPause({
  userId,
  name,
  onChanged,
}: {
  userId: string;
  name: string;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ConfirmButton
        label={t("moderation.lift.button", { name })}
        title={t("moderation.lift.title", { name })}
        body={<p>{t("moderation.lift.body", { name })}</p>}
        confirmLabel={t("moderation.lift.confirm")}
        onConfirm={async () => {
          setError(null);
          try {
            await moderationApi.liftSilence(userId);
            onChanged(t("moderation.lift.done", { name }));
          } catch (err) {
            setError(problemMessage(t, err));
          }
        }}
      />
      <FormAlert message={error} />
    </>
  );
}
