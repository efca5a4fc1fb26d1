import type { SearchHit } from "./api";

/**
 * A search snippet from the server's text pieces: matched words in <mark>,
 * everything as React text, so nothing a member wrote is ever read as HTML.
 */
export function SearchSnippet({ snippet }: { snippet: SearchHit["snippet"] }) {
  return (
    <p className="search-snippet">
      {snippet.map((piece, index) =>
        piece.hit ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
      )}
    </p>
  );
}
