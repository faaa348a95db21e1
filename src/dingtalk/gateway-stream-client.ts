import { DWClient } from "dingtalk-stream";
import { z } from "zod";
import { type BackoffOptions, backoffDelay } from "../channel/backoff.js";
import { postJson } from "../channel/post-json.js";

/** DingTalk's API host; DINGTALK_API_URL replaces it for a proxy or a test server. */
export const DEFAULT_DINGTALK_API_URL = "https://api.dingtalk.com";

const connectionSchema = z.object({ endpoint: z.string().min(1), ticket: z.string().min(1) });

export interface GatewayStreamClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Base of the gateway and OpenAPI calls, without a trailing slash. */
  readonly apiUrl: string;
  /** Reconnect after the socket closes or the gateway fails; tests of other things pass false. */
  readonly autoReconnect: boolean;
  /** Waits between reconnect attempts; default 1 s doubling up to 60 s. */
  readonly backoff?: BackoffOptions;
  /** Told about each failed attempt and each reconnect. */
  readonly onConnectionEvent?: (event: { readonly kind: "connected" | "failed"; readonly failures: number; readonly nextAttemptMs?: number; readonly error?: unknown }) => void;
}

/** The SDK's private fields this subclass works with (runtime names of dingtalk-stream 2.1.5). */
interface StreamClientInternals {
  dw_url: string;
  /** Milliseconds the SDK waits before calling connect() again after a close or a failed attempt. */
  reconnectInterval: number;
}

/**
 * The official stream client with one change: the connection-open call goes to
 * `${apiUrl}/v1.0/gateway/connections/open` (the SDK has the address as a constant), so
 * DINGTALK_API_URL reaches the gateway too. Everything else (the WebSocket, frames, ACKs) is the SDK's.
 */
export class GatewayStreamClient extends DWClient {
  private readonly gateway: GatewayStreamClientOptions;
  /** Failed attempts since the last successful connection. */
  private failures = 0;
  private attempting = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(options: GatewayStreamClientOptions) {
    // autoReconnect is read from the options at run time, though the SDK's types leave it out.
    super({ clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: true, autoReconnect: options.autoReconnect } as ConstructorParameters<typeof DWClient>[0]);
    this.gateway = options;
  }

  /**
   * Opens a connection ticket at the gateway and remembers the WebSocket address to connect to.
   * @throws PlatformRequestError when the gateway refuses (401/403: wrong Client ID or Secret) or answers without an endpoint.
   */
  override async getEndpoint(): Promise<this> {
    const response = await postJson(`${this.gateway.apiUrl}/v1.0/gateway/connections/open`, {
      clientId: this.gateway.clientId,
      clientSecret: this.gateway.clientSecret,
      ua: "plan-assistant",
      subscriptions: this.config.subscriptions,
    });
    const { endpoint, ticket } = connectionSchema.parse(response);
    // dw_url is the SDK's private field that _connect() opens.
    this.internals.dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
    return this;
  }

  /**
   * Connects (gateway call, then WebSocket) and keeps connecting with backoff: a failed attempt is
   * tried again after 1 s, 2 s, 4 s… up to a minute; a connection that closes is reopened after the
   * base wait (the SDK's close handler calls connect() after `reconnectInterval`). Never throws;
   * `connected` tells whether this attempt worked.
   */
  override async connect(): Promise<void> {
    // A retry is already scheduled (a failed handshake also closes its socket, whose handler calls this again).
    if (this.retryTimer) return;
    await this.attempt();
  }

  /** Closes the stream for good: no reconnect follows. */
  override disconnect(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    super.disconnect();
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.attempting || this.connected) return;
    this.attempting = true;
    try {
      await this.getEndpoint();
      await this._connect();
      this.failures = 0;
      this.internals.reconnectInterval = backoffDelay(0, this.gateway.backoff);
      this.gateway.onConnectionEvent?.({ kind: "connected", failures: 0 });
    } catch (error) {
      const delay = backoffDelay(this.failures, this.gateway.backoff);
      this.failures += 1;
      const retry = this.gateway.autoReconnect && !this.stopped;
      this.gateway.onConnectionEvent?.({ kind: "failed", failures: this.failures, error, ...(retry ? { nextAttemptMs: delay } : {}) });
      if (retry) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.attempt();
        }, delay);
      }
    } finally {
      this.attempting = false;
    }
  }

  private get internals(): StreamClientInternals {
    return this as unknown as StreamClientInternals;
  }
}
