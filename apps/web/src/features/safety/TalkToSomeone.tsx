// "Talk to someone now": tells the people on call that this person would like
// someone to reach out, then says calmly what happens next. Used by the help
// panel after a write (with the words as its source) and by "Get help now".
import type { SafetySourceKind } from "@kindred/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { HeartIcon } from "../../components/icons";
import { useMe } from "../accounts/api";
import { useCrisisLines } from "../help/api";
import { safetyApi } from "./api";

type State = { kind: "idle" } | { kind: "busy" } | { kind: "done"; someoneOnCall: boolean } | { kind: "error" };

export function TalkToSomeone({
  source,
  country,
  onLeave,
  variant,
}: {
  source: { kind: SafetySourceKind; id: string } | null;
  /** The country whose emergency number to name (null: the server's choice, as in the lines shown). */
  country: string | null;
  /** Called when the person follows the link to their messages (to close the dialog). */
  onLeave: () => void;
  variant: "primary" | "secondary";
}) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  const headingId = useId();
  const [state, setState] = useState<State>({ kind: "idle" });
  const lines = useCrisisLines(country);
  const emergency = lines.data?.lines.find((l) => l.kind === "emergency");
  const confirmation = useRef<HTMLDivElement>(null);

  // Once asked, the calm answer takes focus, so it is read at once.
  useEffect(() => {
    if (state.kind === "done") confirmation.current?.focus();
  }, [state.kind]);

  async function talk() {
    setState({ kind: "busy" });
    try {
      const result = await safetyApi.talk(source);
      setState({ kind: "done", someoneOnCall: result.someoneOnCall });
    } catch {
      // Said warmly, with the lines close by; the person can simply try again.
      setState({ kind: "error" });
    }
  }

  if (state.kind === "done") {
    return (
      <div ref={confirmation} className="talk-done" role="status" tabIndex={-1} data-testid="talk-confirmation">
        <p className="talk-done-title">
          <HeartIcon />
          <span>{t("support.doneTitle")}</span>
        </p>
        <p>{state.someoneOnCall ? t("support.doneOnCall") : t("support.doneWholeTeam")}</p>
        <p>{emergency ? t("support.dangerNumber", { number: emergency.contact }) : t("support.dangerLocal")}</p>
        {me?.status === "active" ? (
          <p>
            <Link to="/messages" onClick={onLeave} className="button button-secondary">
              {t("support.goToMessages")}
            </Link>
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <section className={`talk talk-${variant}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="help-subtitle">
        {t("support.talkTitle")}
      </h3>
      <p>{t("support.talkBody")}</p>
      {state.kind === "error" ? (
        <p className="notice notice-problem" role="alert">
          {t("support.talkError")}
        </p>
      ) : null}
      <Button
        className={variant === "primary" ? "button button-large talk-button" : "button button-secondary"}
        onPress={() => void talk()}
        isDisabled={state.kind === "busy"}
      >
        {state.kind === "busy" ? t("support.talkSending") : t("support.talkButton")}
      </Button>
    </section>
  );
}
