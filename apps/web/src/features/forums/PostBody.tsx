import { forwardRef } from "react";

/**
 * A post's body. This is the only place in the app that renders HTML from the
 * server: `html` is Markdown the server has rendered and sanitised with an
 * allow-list (no scripts, event handlers, styles or foreign embeds), and the page's
 * Content-Security-Policy refuses inline scripts besides. Everything else a member
 * writes (titles, names, search snippets) is rendered as text by React.
 */
export const PostBody = forwardRef<HTMLDivElement, { html: string; className?: string }>(function PostBody(
  { html, className },
  ref,
) {
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={["post-body", className].filter(Boolean).join(" ")}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});
