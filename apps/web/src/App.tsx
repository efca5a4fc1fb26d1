import type { ComponentType } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, Navigate } from "react-router";
import { RouterProvider } from "react-router/dom";
import { ApiError } from "./api/client";
import { Layout } from "./components/Layout";
import { useLocaleFromAccount } from "./features/accounts/useLocale";
import Home from "./routes/Home";
import NotFound from "./routes/NotFound";
import RouteError from "./routes/RouteError";
import SignIn from "./routes/SignIn";
import SignUp from "./routes/SignUp";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a missing record will not change by asking again.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const page = async (module: Promise<{ default: ComponentType }>) => ({ Component: (await module).default });

const router = createBrowserRouter([
  {
    element: <Layout />,
    // Shown for the moment a lazily loaded page takes on first load.
    hydrateFallbackElement: <p className="muted loading">…</p>,
    children: [
      {
        // Errors render inside the layout, so "Get help now" stays on screen.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Home /> },
          { path: "sign-up", element: <SignUp /> },
          { path: "sign-in", element: <SignIn /> },
          // Signed-in pages load on first visit, keeping the welcome page light.
          { path: "profile", lazy: () => page(import("./routes/Profile")) },
          { path: "settings", lazy: () => page(import("./routes/Settings")) },
          { path: "settings/notifications", lazy: () => page(import("./routes/NotificationSettings")) },
          { path: "notifications", lazy: () => page(import("./routes/Notifications")) },
          { path: "members/:pseudonym", lazy: () => page(import("./routes/Member")) },
          { path: "admin", lazy: () => page(import("./routes/Admin")) },
          { path: "forums", lazy: () => page(import("./routes/Forums")) },
          { path: "forums/c/:slug", lazy: () => page(import("./routes/ForumCategory")) },
          { path: "forums/new", lazy: () => page(import("./routes/ForumNewTopic")) },
          { path: "forums/t/:topicId", lazy: () => page(import("./routes/ForumTopic")) },
          { path: "forums/search", lazy: () => page(import("./routes/ForumSearch")) },
          // The forums' old flag queue became the one review queue.
          { path: "forums/moderation", element: <Navigate to="/moderation" replace /> },
          { path: "moderation", lazy: () => page(import("./routes/Moderation")) },
          { path: "messages", lazy: () => page(import("./routes/Messages")) },
          { path: "messages/:conversationId", lazy: () => page(import("./routes/Conversation")) },
          { path: "safety", lazy: () => page(import("./routes/Safety")) },
          { path: "safety/rota", lazy: () => page(import("./routes/SafetyRota")) },
          // Groups: open ones are listed to visitors too; "new" is declared before the slug.
          { path: "groups", lazy: () => page(import("./routes/Groups")) },
          { path: "groups/new", lazy: () => page(import("./routes/GroupNew")) },
          { path: "groups/:slug", lazy: () => page(import("./routes/Group")) },
          { path: "groups/:slug/edit", lazy: () => page(import("./routes/GroupEdit")) },
          { path: "groups/:slug/members", lazy: () => page(import("./routes/GroupMembers")) },
          // Meetings: the directory is public; "new" and "mine" are declared before the slug so they are never taken for one.
          { path: "meetings", lazy: () => page(import("./routes/Meetings")) },
          { path: "meetings/new", lazy: () => page(import("./routes/MeetingForm")) },
          { path: "meetings/mine", lazy: () => page(import("./routes/MyMeetings")) },
          { path: "meetings/:slug", lazy: () => page(import("./routes/Meeting")) },
          { path: "meetings/:slug/edit", lazy: () => page(import("./routes/MeetingForm")) },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);

function LocaleFromAccount() {
  useLocaleFromAccount();
  return null;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleFromAccount />
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
