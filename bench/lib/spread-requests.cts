// autocannon's setupClient for a list of requests (load.ts passes it by path:
// autocannon require()s it inside its worker thread, hence CommonJS). Every
// connection walks the same list; starting each one at a random place keeps
// 100 connections from asking for the same topic at the same moment. It moves
// the connection's place in its (already built) list rather than handing it a
// rotated copy: building a list costs about 10 ms per connection.
type Iterator = { requests?: unknown[]; currentRequestIndex: number; currentRequest: unknown };
type Client = { requestIterator?: Iterator };

function spreadRequests(client: Client): void {
  const it = client.requestIterator;
  if (!it?.requests || it.requests.length < 2) return;
  it.currentRequestIndex = Math.floor(Math.random() * it.requests.length);
  it.currentRequest = it.requests[it.currentRequestIndex];
}

export = spreadRequests;
