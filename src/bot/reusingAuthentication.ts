import type { Activity } from 'botbuilder';
import {
  AuthenticateRequestResult,
  AuthenticationConstants,
  BotFrameworkAuthentication,
  BotFrameworkClient,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  UserTokenClient,
} from 'botframework-connector';

/** A small least-recently-used map of promises; a rejected promise is dropped so the next call retries. */
class PromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key); // re-insert: Map order is least recently used first
      this.entries.set(key, found);
      return found;
    }
    const made = make();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The app id the SDK's own factories key their credentials on (audience claim, else appid claim). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** Hands out one ConnectorClient per (app id, service URL, audience) instead of a new one per turn. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: PromiseCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * Bot Framework authentication that reuses connector and user-token clients across turns.
 *
 * CloudAdapter (4.23) builds a new ConnectorClient and UserTokenClient, each with a fresh HTTP
 * pipeline, for every inbound activity; that was about a tenth of a turn's CPU under load. The clients
 * hold no per-turn data (their credentials fetch and refresh tokens themselves), and the older
 * BotFrameworkAdapter cached them the same way. Everything else is the wrapped authentication's.
 */
export class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors: PromiseCache<ConnectorClient>;
  private readonly tokenClients: PromiseCache<UserTokenClient>;

  /** `capacity` bounds each cache: service URLs come from inbound activities. */
  constructor(private readonly inner: BotFrameworkAuthentication, capacity = 256) {
    super();
    this.connectors = new PromiseCache(capacity);
    this.tokenClients = new PromiseCache(capacity);
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reuse(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reuse(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectors);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  /** How many clients are held (for tests). */
  get cachedClients(): { connectors: number; tokenClients: number } {
    return { connectors: this.connectors.size, tokenClients: this.tokenClients.size };
  }

  private reuse(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: new ReusingConnectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity), this.connectors) };
  }
}
