// The on-call rota: the weekly schedule in the organization's time zone, the
// swaps coming up, and for admins the forms to add and remove shifts and swaps.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../components/ConfirmDialog";
import { FormAlert, FormSuccess, SelectField, TextField } from "../components/FormField";
import { Loading, Notice, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { problemMessage } from "../components/errors";
import { useFormSubmit } from "../components/useFormSubmit";
import { useMe } from "../features/accounts/api";
import { safetyApi, safetyKeys, useRota, type Rota, type Shift, type Swap } from "../features/safety/api";
import { OnCallNow } from "../features/safety/OnCallNow";
import { SafetyGate } from "../features/safety/SafetyGate";
import { SafetyNav } from "../features/safety/SafetyNav";
import {
  calendarDate,
  localTime,
  overnight,
  weekdayName,
  weekdayOf,
  weekdayTitle,
  zoneName,
} from "../features/safety/time";
import { currentLocale } from "../i18n/i18n";

export default function SafetyRotaPage() {
  const { t } = useTranslation();
  return (
    <SafetyGate title={t("rota.title")}>
      <RotaPage />
    </SafetyGate>
  );
}

/** The week as the schedule shows it, Monday first. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function RotaPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const rota = useRota();
  const isAdmin = me.roles.includes("admin");
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = (message: string) => {
    setError(null);
    setStatus(message);
  };
  const failed = (message: string | null) => {
    setStatus(null);
    setError(message);
  };

  return (
    <div className="safety-page stack">
      <PageHeading
        title={t("rota.title")}
        lead={rota.data ? t("rota.lead", { zone: zoneName(rota.data.timeZone) }) : undefined}
      >
        <SafetyNav />
      </PageHeading>
      {rota.isPending ? <Loading /> : null}
      {rota.isError ? <QueryError error={rota.error} /> : null}
      {rota.data ? (
        <>
          <OnCallNow onCall={rota.data.onCallNow} rotaLink={false} />
          <FormSuccess message={status} />
          <FormAlert message={error} />
          <WeekTable rota={rota.data} isAdmin={isAdmin} onDone={done} onError={failed} />
          <SwapList rota={rota.data} isAdmin={isAdmin} onDone={done} onError={failed} />
          {isAdmin ? (
            <>
              <AddShiftForm rota={rota.data} onDone={done} />
              <AddSwapForm rota={rota.data} onDone={done} />
            </>
          ) : (
            <p className="muted">{t("rota.adminsOnly")}</p>
          )}
        </>
      ) : null}
    </div>
  );
}

function useShiftText() {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (s: Pick<Shift, "startTime" | "endTime">) =>
    overnight(s.startTime, s.endTime)
      ? t("rota.hoursOvernight", { start: localTime(s.startTime, locale), end: localTime(s.endTime, locale) })
      : t("rota.hours", { start: localTime(s.startTime, locale), end: localTime(s.endTime, locale) });
}

type Feedback = { onDone: (message: string) => void; onError: (message: string | null) => void };

function useRefreshRota() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: safetyKeys.rota });
    // Who is on call now shows on the alert queue too.
    void queryClient.invalidateQueries({ queryKey: safetyKeys.alerts });
  };
}

function WeekTable({ rota, isAdmin, onDone, onError }: { rota: Rota; isAdmin: boolean } & Feedback) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const hours = useShiftText();
  const refresh = useRefreshRota();

  async function remove(shift: Shift) {
    try {
      await safetyApi.removeShift(shift.id);
      await refresh();
      onDone(t("rota.shiftRemoved", { name: shift.person.pseudonym, day: weekdayName(shift.weekday, locale) }));
    } catch (err) {
      onError(problemMessage(t, err));
    }
  }

  const cell = (weekday: number, role: Shift["role"]) => {
    const shifts = rota.shifts.filter((s) => s.weekday === weekday && s.role === role);
    if (shifts.length === 0) return <span className="muted">—</span>;
    return (
      <ul className="shift-list">
        {shifts.map((s) => {
          const description = t("rota.shiftDescription", {
            name: s.person.pseudonym,
            role: t(`rota.role.${s.role}`),
            day: weekdayName(s.weekday, locale),
            hours: hours(s),
          });
          return (
            <li key={s.id} className="shift" data-testid="shift">
              <span className="shift-text">
                <span className="shift-person">{s.person.pseudonym}</span>{" "}
                <span className="shift-hours">{hours(s)}</span>
              </span>
              {isAdmin ? (
                <ConfirmButton
                  label={
                    <>
                      {t("rota.remove")}
                      <span className="visually-hidden">: {description}</span>
                    </>
                  }
                  className="link-button shift-remove"
                  title={t("rota.removeShiftTitle")}
                  body={<p>{description}</p>}
                  confirmLabel={t("rota.removeShiftConfirm")}
                  onConfirm={() => void remove(s)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    );
  };

  return (
    <section className="stack-sm" aria-labelledby="week-title">
      <h2 id="week-title">{t("rota.weekTitle")}</h2>
      <p className="muted">{t("rota.weekLead", { zone: zoneName(rota.timeZone) })}</p>
      <div className="table-wrap">
        {/* Explicit roles keep the table a table for screen readers when phones lay it out as blocks. */}
        <table className="table rota-table" role="table">
          <caption className="visually-hidden">{t("rota.weekCaption", { zone: zoneName(rota.timeZone) })}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t("rota.day")}
              </th>
              <th scope="col" role="columnheader">
                {t("rota.role.primary")}
              </th>
              <th scope="col" role="columnheader">
                {t("rota.role.backup")}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {WEEK_ORDER.map((d) => (
              <tr key={d} role="row">
                <th scope="row" role="rowheader">
                  {weekdayTitle(d, locale)}
                </th>
                <td role="cell" data-label={t("rota.role.primary")}>
                  {cell(d, "primary")}
                </td>
                <td role="cell" data-label={t("rota.role.backup")}>
                  {cell(d, "backup")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SwapList({ rota, isAdmin, onDone, onError }: { rota: Rota; isAdmin: boolean } & Feedback) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const hours = useShiftText();
  const refresh = useRefreshRota();

  async function remove(swap: Swap) {
    try {
      await safetyApi.removeSwap(swap.id);
      await refresh();
      onDone(t("rota.swapRemoved", { date: calendarDate(swap.onDate, locale) }));
    } catch (err) {
      onError(problemMessage(t, err));
    }
  }

  return (
    <section className="stack-sm" aria-labelledby="swaps-title">
      <h2 id="swaps-title">{t("rota.swapsTitle")}</h2>
      {rota.swaps.length === 0 ? (
        <p className="muted">{t("rota.noSwaps")}</p>
      ) : (
        <ul className="plain-list swap-list">
          {rota.swaps.map((w) => {
            const shift = rota.shifts.find((s) => s.id === w.shiftId);
            const text = shift
              ? t("rota.swapText", {
                  cover: w.cover.pseudonym,
                  name: shift.person.pseudonym,
                  role: t(`rota.roleInSentence.${shift.role}`),
                  hours: hours(shift),
                })
              : t("rota.swapTextUnknown", { cover: w.cover.pseudonym });
            return (
              <li key={w.id} className="card swap">
                <p className="swap-date">{calendarDate(w.onDate, locale)}</p>
                <p>{text}</p>
                {w.reason ? <p className="muted">{t("rota.swapReason", { reason: w.reason })}</p> : null}
                {isAdmin ? (
                  <ConfirmButton
                    label={
                      <>
                        {t("rota.remove")}
                        <span className="visually-hidden">: {calendarDate(w.onDate, locale)}</span>
                      </>
                    }
                    title={t("rota.removeSwapTitle")}
                    body={
                      <p>
                        {calendarDate(w.onDate, locale)}: {text}
                      </p>
                    }
                    confirmLabel={t("rota.removeSwapConfirm")}
                    onConfirm={() => void remove(w)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type ShiftErrors = { userId?: string; role?: string; weekday?: string; startTime?: string; endTime?: string };

function AddShiftForm({ rota, onDone }: { rota: Rota; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const refresh = useRefreshRota();
  const { errors, formError, busy, submit } = useFormSubmit<ShiftErrors>();
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<Shift["role"]>("primary");
  const [weekday, setWeekday] = useState("1");
  const [startTime, setStartTime] = useState("09:00");
  const [endTime, setEndTime] = useState("17:00");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked: ShiftErrors = {
      userId: userId ? undefined : t("rota.choosePerson"),
      startTime: TIME.test(startTime) ? undefined : t("validation.time"),
      endTime: !TIME.test(endTime) ? t("validation.time") : endTime === startTime ? t("rota.sameTimes") : undefined,
    };
    await submit(
      event.currentTarget,
      checked,
      async () => {
        await safetyApi.addShift({ userId, role, weekday: Number(weekday), startTime, endTime });
        await refresh();
        const name = rota.eligible.find((p) => p.id === userId)?.pseudonym ?? "";
        setUserId("");
        onDone(t("rota.shiftAdded", { name, day: weekdayName(Number(weekday), locale) }));
      },
      { alsoFromServer: ["role", "weekday"] },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-labelledby="add-shift-title">
      <h2 id="add-shift-title" className="h3">
        {t("rota.addShiftTitle")}
      </h2>
      <p className="muted">{t("rota.personHint")}</p>
      {rota.eligible.length === 0 ? <Notice tone="info">{t("rota.nobodyEligible")}</Notice> : null}
      <FormAlert message={formError} />
      <div className="grid-2 rota-pair">
        <SelectField
          label={t("rota.person")}
          name="userId"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          error={errors.userId}
        >
          <option value="" disabled>
            {t("rota.choosePersonPlaceholder")}
          </option>
          {rota.eligible.map((p) => (
            <option key={p.id} value={p.id}>
              {p.pseudonym}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("rota.roleLabel")}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Shift["role"])}
          error={errors.role}
        >
          <option value="primary">{t("rota.role.primary")}</option>
          <option value="backup">{t("rota.role.backup")}</option>
        </SelectField>
      </div>
      <SelectField
        label={t("rota.day")}
        name="weekday"
        value={weekday}
        onChange={(e) => setWeekday(e.target.value)}
        error={errors.weekday}
        className="rota-day-field"
      >
        {WEEK_ORDER.map((d) => (
          <option key={d} value={String(d)}>
            {weekdayTitle(d, locale)}
          </option>
        ))}
      </SelectField>
      <div className="grid-2 rota-pair">
        <TextField
          label={t("rota.starts")}
          hint={t("rota.startsHint", { zone: zoneName(rota.timeZone) })}
          type="time"
          name="startTime"
          value={startTime}
          onChange={(e) => setStartTime(e.target.value)}
          error={errors.startTime}
        />
        <TextField
          label={t("rota.ends")}
          hint={t("rota.endsHint")}
          type="time"
          name="endTime"
          value={endTime}
          onChange={(e) => setEndTime(e.target.value)}
          error={errors.endTime}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("rota.addShift")}
        </button>
      </div>
    </form>
  );
}

type SwapErrors = { shiftId?: string; onDate?: string; coverUserId?: string; reason?: string };

function AddSwapForm({ rota, onDone }: { rota: Rota; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const hours = useShiftText();
  const refresh = useRefreshRota();
  const { errors, formError, busy, submit } = useFormSubmit<SwapErrors>();
  const [shiftId, setShiftId] = useState("");
  const [onDate, setOnDate] = useState("");
  const [coverUserId, setCoverUserId] = useState("");
  const [reason, setReason] = useState("");
  const shift = rota.shifts.find((s) => s.id === shiftId);
  const ordered = [...rota.shifts].sort(
    (a, b) => WEEK_ORDER.indexOf(a.weekday as never) - WEEK_ORDER.indexOf(b.weekday as never),
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const day = weekdayOf(onDate);
    const checked: SwapErrors = {
      shiftId: shiftId ? undefined : t("rota.chooseShift"),
      onDate:
        day === null
          ? t("rota.chooseDate")
          : shift && day !== shift.weekday
            ? t("rota.wrongDay", { day: weekdayName(shift.weekday, locale) })
            : undefined,
      coverUserId: coverUserId ? undefined : t("rota.choosePerson"),
    };
    await submit(event.currentTarget, checked, async () => {
      await safetyApi.addSwap({ shiftId, onDate, coverUserId, reason: reason.trim() });
      await refresh();
      setShiftId("");
      setOnDate("");
      setCoverUserId("");
      setReason("");
      onDone(t("rota.swapAdded", { date: calendarDate(onDate, locale) }));
    });
  }

  if (rota.shifts.length === 0) return null;
  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-labelledby="add-swap-title">
      <h2 id="add-swap-title" className="h3">
        {t("rota.addSwapTitle")}
      </h2>
      <p className="muted">{t("rota.addSwapLead")}</p>
      <FormAlert message={formError} />
      <SelectField
        label={t("rota.shift")}
        name="shiftId"
        value={shiftId}
        onChange={(e) => setShiftId(e.target.value)}
        error={errors.shiftId}
      >
        <option value="" disabled>
          {t("rota.chooseShiftPlaceholder")}
        </option>
        {ordered.map((s) => (
          <option key={s.id} value={s.id}>
            {t("rota.shiftOption", {
              day: weekdayTitle(s.weekday, locale),
              role: t(`rota.role.${s.role}`),
              name: s.person.pseudonym,
              hours: hours(s),
            })}
          </option>
        ))}
      </SelectField>
      <div className="rota-swap-fields">
        <TextField
          label={t("rota.date")}
          hint={shift ? t("rota.dateHintDay", { day: weekdayName(shift.weekday, locale) }) : t("rota.dateHint")}
          type="date"
          name="onDate"
          value={onDate}
          onChange={(e) => setOnDate(e.target.value)}
          error={errors.onDate}
        />
        <SelectField
          label={t("rota.cover")}
          name="coverUserId"
          value={coverUserId}
          onChange={(e) => setCoverUserId(e.target.value)}
          error={errors.coverUserId}
        >
          <option value="" disabled>
            {t("rota.choosePersonPlaceholder")}
          </option>
          {rota.eligible.map((p) => (
            <option key={p.id} value={p.id}>
              {p.pseudonym}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t("rota.reason")}
        optional
        name="reason"
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.reason}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("rota.addSwap")}
        </button>
      </div>
    </form>
  );
}
