/** Headers that belong to one hop, not to the request being forwarded. */
const HOP_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

/**
 * Forwards Slack's HTTP requests (events, interactivity, slash commands) to the Bolt receiver
 * listening on a loopback port, body bytes and signature headers unchanged, so Slack's request
 * verification runs on exactly what Slack sent. Lets /slack/events share the web server's port.
 * `receiverUrl` is read per request: null while the receiver is not listening yet.
 */
export function forwardToSlack(receiverUrl: () => string | null, fetchImplementation: typeof fetch = fetch): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = receiverUrl();
    // Slack retries a request that gets no 2xx; until the receiver is up, say so.
    if (!target) return new Response("the Slack receiver is starting", { status: 503, headers: { "Retry-After": "1" } });
    const headers = new Headers();
    request.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name.toLowerCase())) headers.set(name, value);
    });
    const body = await request.arrayBuffer();
    const response = await fetchImplementation(new URL("/slack/events", target), { method: request.method, headers, body });
    return new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers });
  };
}
