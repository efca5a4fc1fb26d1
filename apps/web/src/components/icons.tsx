// Kindred's line icons: one 24×24 frame and stroke style, so icons stay
// consistent and each is only its shape. All are decorative (aria-hidden);
// the control they sit in carries the accessible name.
import type { ReactNode } from "react";

function LineIcon({
  children,
  className = "icon",
  weight = 1.8,
}: {
  children: ReactNode;
  className?: string;
  weight?: number;
}) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth={weight} strokeLinecap="round" strokeLinejoin="round">
        {children}
      </g>
    </svg>
  );
}

export const ChevronIcon = () => (
  <LineIcon className="icon notification-chevron" weight={2}>
    <path d="M9.5 6l6 6-6 6" />
  </LineIcon>
);

export const CheckIcon = () => (
  <LineIcon weight={2}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </LineIcon>
);

export const SlidersIcon = () => (
  <LineIcon>
    <path d="M4 7h10M18 7h2M4 17h4M12 17h8" />
    <circle cx="16" cy="7" r="2.2" />
    <circle cx="10" cy="17" r="2.2" />
  </LineIcon>
);

export const PersonIcon = () => (
  <LineIcon>
    <circle cx="12" cy="8.5" r="3.8" />
    <path d="M4.5 20c.8-3.8 3.8-6 7.5-6s6.7 2.2 7.5 6" />
  </LineIcon>
);

export const ShieldIcon = () => (
  <LineIcon>
    <path d="M12 3.5l7 2.6v5.4c0 4.3-2.9 7.6-7 9-4.1-1.4-7-4.7-7-9V6.1l7-2.6z" />
  </LineIcon>
);

export const BellIcon = () => (
  <LineIcon className="icon bell-icon">
    <path d="M12 3.5a5.5 5.5 0 0 0-5.5 5.5v3.2c0 .8-.3 1.6-.8 2.2L4.5 16h15l-1.2-1.6c-.5-.6-.8-1.4-.8-2.2V9A5.5 5.5 0 0 0 12 3.5z" />
    <path d="M9.8 19a2.3 2.3 0 0 0 4.4 0" />
  </LineIcon>
);

export const MenuIcon = ({ open }: { open: boolean }) => (
  <LineIcon weight={2}>{open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}</LineIcon>
);

export const GlobeIcon = () => (
  <LineIcon>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M3.5 12h17M12 3.5c2.5 2.4 3.6 5.2 3.6 8.5s-1.1 6.1-3.6 8.5c-2.5-2.4-3.6-5.2-3.6-8.5s1.1-6.1 3.6-8.5z" />
  </LineIcon>
);

export const HeartIcon = () => (
  <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path
      d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2z"
      fill="currentColor"
    />
  </svg>
);

// ---------- Forums ----------

export const PinIcon = () => (
  <LineIcon>
    <path d="M9 3.5h6M10 3.5l-.6 6.2L6.5 13h11l-2.9-3.3L14 3.5M12 13v7.5" />
  </LineIcon>
);

export const LockIcon = () => (
  <LineIcon>
    <rect x="5" y="10.5" width="14" height="10" rx="2" />
    <path d="M8.5 10.5V7.8a3.5 3.5 0 0 1 7 0v2.7" />
  </LineIcon>
);

/** Watching a topic or category: told when something new arrives. */
export const EyeIcon = () => (
  <LineIcon>
    <path d="M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z" />
    <circle cx="12" cy="12" r="2.8" />
  </LineIcon>
);

export const FlagIcon = () => (
  <LineIcon>
    <path d="M5.5 21V4M5.5 4.5c4-2 7 2 13 0v9c-6 2-9-2-13 0" />
  </LineIcon>
);

export const QuoteIcon = () => (
  <LineIcon>
    <path d="M4.5 17.5c2.5-.5 4-2.3 4-5V7.5h-4v5h3.5M14 17.5c2.5-.5 4-2.3 4-5V7.5h-4v5h3.5" />
  </LineIcon>
);

export const SearchIcon = () => (
  <LineIcon weight={2}>
    <circle cx="10.5" cy="10.5" r="6" />
    <path d="M15 15l5 5" />
  </LineIcon>
);

export const PlusIcon = () => (
  <LineIcon weight={2}>
    <path d="M12 5v14M5 12h14" />
  </LineIcon>
);

export const ChatIcon = () => (
  <LineIcon>
    <path d="M4.5 5.5h15v10h-8l-4.5 3.5v-3.5h-2.5z" />
  </LineIcon>
);

export const CalendarIcon = () => (
  <LineIcon>
    <rect x="4" y="5.5" width="16" height="14.5" rx="2" />
    <path d="M4 10h16M8.5 3.5v4M15.5 3.5v4" />
  </LineIcon>
);

export const ClockIcon = () => (
  <LineIcon>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </LineIcon>
);
