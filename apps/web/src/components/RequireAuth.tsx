import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useMe } from "../features/accounts/api";
import { Loading } from "./Page";
import { QueryError } from "./QueryError";

/** Pages for signed-in people: send others to sign in, then back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} />;
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
