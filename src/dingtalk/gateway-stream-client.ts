import { DWClient } from "dingtalk-stream";
import { z } from "zod";
import { postJson } from "../channel/post-json.js";

/** DingTalk's API host; DINGTALK_API_URL replaces it for a proxy or a test server. */
export const DEFAULT_DINGTALK_API_URL = "https://api.dingtalk.com";

const connectionSchema = z.object({ endpoint: z.string().min(1), ticket: z.string().min(1) });

export interface GatewayStreamClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Base of the gateway and OpenAPI calls, without a trailing slash. */
  readonly apiUrl: string;
  /** Reconnect after the socket closes (the SDK's own loop); tests pass false. */
  readonly autoReconnect: boolean;
}

/**
 * The official stream client with one change: the connection-open call goes to
 * `${apiUrl}/v1.0/gateway/connections/open` (the SDK has the address as a constant), so
 * DINGTALK_API_URL reaches the gateway too. Everything else (the WebSocket, frames, ACKs) is the SDK's.
 */
export class GatewayStreamClient extends DWClient {
  private readonly gateway: GatewayStreamClientOptions;

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
    (this as unknown as { dw_url: string }).dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
    return this;
  }
}
