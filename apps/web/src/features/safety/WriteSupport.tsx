// The help panel after a write. When the server says a post or message the
// person just wrote may come from a hard place (`support.showHelp`), its author,
// and only its author, sees this at once: warm words, "talk to someone now", and
// the crisis lines for their country. Their words are published as normal; the
// panel never blocks, hides or labels anything, and closes like any dialog.
// It lives above the routes, so it survives the move to a new topic's page.
import type { WriteSupport } from "@kindred/contracts";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { CrisisLines } from "../../components/GetHelpDialog";
import { TalkToSomeone } from "./TalkToSomeone";

/** What was written: a forum post (new topic, reply or edit) or a private message. */
export type WrittenKind = "post" | "message";

type Shown = { support: WriteSupport; written: WrittenKind; key: number };

const ShowSupport = createContext<(support: WriteSupport | null | undefined, written: WrittenKind) => void>(
  () => undefined,
);

/** Call with a write's `support`: opens the help panel when the server asks for it, does nothing otherwise. */
export function useWriteSupport() {
  return useContext(ShowSupport);
}

export function WriteSupportProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const show = useCallback((support: WriteSupport | null | undefined, written: WrittenKind) => {
    if (support?.showHelp) setShown({ support, written, key: Date.now() });
  }, []);

  return (
    <ShowSupport.Provider value={show}>
      {children}
      <ModalOverlay
        className="modal-overlay"
        isDismissable
        isOpen={shown !== null}
        onOpenChange={(open) => {
          if (!open) setShown(null);
        }}
      >
        <Modal className="modal">
          <Dialog className="dialog help-dialog support-dialog" data-testid="write-support">
            {({ close }) => (shown ? <SupportContent key={shown.key} shown={shown} onClose={close} /> : null)}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </ShowSupport.Provider>
  );
}

function SupportContent({ shown, onClose }: { shown: Shown; onClose: () => void }) {
  const { t } = useTranslation();
  // null: the server chooses (the person's own country, then the organization's).
  const [country, setCountry] = useState<string | null>(null);
  return (
    <>
      <div className="dialog-header">
        <Heading slot="title" level={2} className="dialog-title">
          {t("support.title")}
        </Heading>
        <Button className="button button-quiet dialog-close" onPress={onClose}>
          {t("common.close")}
        </Button>
      </div>
      <p className="help-lead">{t("support.lead")}</p>
      <p>{shown.written === "post" ? t("support.postShared") : t("support.messageSent")}</p>
      <TalkToSomeone source={shown.support.source} country={country} onLeave={onClose} variant="primary" />
      <p>{t("support.linesIntro")}</p>
      <CrisisLines country={country} onCountryChange={setCountry} />
      <p className="muted help-footnote">{t("support.footnote")}</p>
    </>
  );
}
