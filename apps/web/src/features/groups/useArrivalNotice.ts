import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";

/**
 * A word carried to this page by the one before ("Changes saved"): shown once,
 * then taken out of the history entry so a reload or "back" does not repeat it.
 */
export function useArrivalNotice(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const carried = (location.state as { notice?: string } | null)?.notice ?? null;
  const [notice] = useState(carried);
  useEffect(() => {
    if (carried)
      void navigate(`${location.pathname}${location.search}${location.hash}`, { replace: true, state: null });
  }, [carried, navigate, location.pathname, location.search, location.hash]);
  return notice;
}
