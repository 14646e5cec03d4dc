// A real OpenID provider (oidc-provider) on 127.0.0.1 for the SSO tests: one confidential client,
// accounts the test defines, and sign-ins completed without forms. It can misbehave on purpose:
// a discovery document naming another issuer, or ID tokens re-signed with other claims.
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The claims the provider gives for a subject. */
export type FakeAccount = { email?: string; emailVerified?: boolean };

/** Who signs in at the next authorization, and with which methods (RFC 8176 `amr`). */
export type FakeLogin = { subject: string; amr?: string[] };

type Claims = Record<string, unknown>;

export type FakeOpenIdProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, FakeAccount>;
  /** When set, the discovery document names this issuer instead of the real one. */
  discoveryIssuer: string | null;
  /** When set, every ID token is re-signed (with the provider's own key) with these claims. */
  rewriteIdToken: ((claims: Claims) => Claims) | null;
  /**
   * Plays the browser: opens the authorization URL, signs `login` in, follows the redirects
   * (carrying the provider's cookies) and returns the URL the provider sends the browser back to.
   */
  signIn: (authorizationUrl: string, login: FakeLogin) => Promise<URL>;
  close: () => Promise<void>;
};

// oidc-provider ships no type declarations: these are the few parts used here.
type KoaContext = { path: string; body: unknown };
type Interaction = { params: { client_id?: unknown } };
type Provider = {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: new (init: {
    accountId: string;
    clientId: string;
  }) => {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
};
type ProviderConstructor = new (issuer: string, configuration: object) => Provider;

async function loadProvider(): Promise<ProviderConstructor> {
  // A computed specifier: the package has no types, so the static form would not type-check.
  const specifier = 'oidc-provider';
  const module = (await import(specifier)) as { default: ProviderConstructor };
  return module.default;
}

export async function startFakeOpenIdProvider(options: {
  redirectUri: string;
  clientId?: string;
  /**
   * true: the e-mail claims are in the ID token. false (oidc-provider's default, conforming to
   * OpenID Connect Core §5.4): only at the userinfo endpoint.
   */
  claimsInIdToken?: boolean;
}): Promise<FakeOpenIdProvider> {
  const Provider = await loadProvider();
  const clientId = options.clientId ?? 'passend';
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

  let provider: Provider | null = null;
  let pendingLogin: FakeLogin | null = null;
  const server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
    } else if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
      completeInteraction(provider, pendingLogin, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    } else {
      provider.callback()(req, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeOpenIdProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts: new Map(),
    discoveryIssuer: null,
    rewriteIdToken: null,
    signIn: async (authorizationUrl, login) => {
      pendingLogin = login;
      try {
        return await followRedirects(authorizationUrl, options.redirectUri);
      } finally {
        pendingLogin = null;
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // amr with the openid scope, so every ID token says how the user signed in.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: options.claimsInIdToken !== true,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    findAccount: async (_ctx: unknown, subject: string) => {
      const account = fake.accounts.get(subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: async () => ({
          sub: subject,
          ...(account.email === undefined ? {} : { email: account.email }),
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
        }),
      };
    },
    // Errors as plain data instead of an HTML page, so a failing test shows the provider's reason.
    renderError: async (ctx: { body: unknown }, out: unknown) => {
      ctx.body = out;
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/.well-known/openid-configuration' && fake.discoveryIssuer && isObject(ctx.body)) {
      ctx.body = { ...ctx.body, issuer: fake.discoveryIssuer };
    }
    const rewrite = fake.rewriteIdToken;
    if (ctx.path === '/token' && rewrite && isObject(ctx.body) && typeof ctx.body.id_token === 'string') {
      ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, rewrite, privateKey) };
    }
  });

  return fake;
}

/** Signs the pending login in and grants the client what it asked for, in one step. */
async function completeInteraction(
  provider: Provider,
  login: FakeLogin | null,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!login) throw new Error('no sign-in is pending at the fake provider');
  const details = await provider.interactionDetails(req, res);
  const clientId = String(details.params.client_id);
  const grant = new provider.Grant({ accountId: login.subject, clientId });
  grant.addOIDCScope('openid email');
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    {
      login: { accountId: login.subject, ...(login.amr ? { amr: login.amr } : {}) },
      consent: { grantId },
    },
    { mergeWithLastSubmission: false },
  );
}

/** A browser in miniature: follows redirects with the provider's cookies until our callback. */
async function followRedirects(start: string, redirectUri: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop++) {
    if (url.toString().startsWith(`${redirectUri}?`)) return url;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects at the provider');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Re-signs a JWS with the provider's key (RS256), so only the changed claims are wrong. */
function resign(jwt: string, rewrite: (claims: Claims) => Claims, key: KeyObject): string {
  const [header = '', payload = ''] = jwt.split('.');
  const claims = rewrite(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims);
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}
