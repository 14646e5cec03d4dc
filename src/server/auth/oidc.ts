// The OpenID Connect client side of single sign-on, over openid-client: discovery, the
// authorization redirect (state, nonce, PKCE) and the code exchange with the ID token's checks.
// It knows nothing of accounts or sessions; modules/auth/oidc.service.ts does.
import * as client from 'openid-client';

export type OidcClientOptions = {
  /**
   * Lets openid-client talk plain http to an issuer. Off unless set explicitly: only the tests'
   * fake provider on 127.0.0.1 needs it.
   */
  allowInsecureRequests?: boolean;
};

export type ProviderSettings = { issuer: string; clientId: string; clientSecret: string };

/** Only what we need to find the account: no name or other profile data is asked for. */
const scope = 'openid email';

/**
 * Fetches the issuer's discovery document; openid-client refuses one whose `issuer` differs from
 * the configured issuer (OpenID Connect Discovery §4.3), so a mix-up is caught here already.
 */
export async function discoverProvider(
  settings: ProviderSettings,
  options: OidcClientOptions,
): Promise<client.Configuration> {
  return client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    undefined,
    // client_secret_basic: the default method every provider must support (OpenID Connect Core §9).
    client.ClientSecretBasic(settings.clientSecret),
    {
      timeout: 10,
      ...(options.allowInsecureRequests === true ? { execute: [client.allowInsecureRequests] } : {}),
    },
  );
}

export type PendingAuthorization = { url: URL; state: string; nonce: string; codeVerifier: string };

export async function beginAuthorization(
  config: client.Configuration,
  redirectUri: string,
): Promise<PendingAuthorization> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, state, nonce, codeVerifier };
}

/** Who the provider says signed in; issuer and subject are checked, the e-mail is as claimed. */
export type VerifiedIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** Authentication methods (RFC 8176), from the ID token only: it describes this sign-in. */
  amr: string[];
};

/**
 * Exchanges the code (with the PKCE verifier) and validates the ID token: signature, issuer,
 * audience, expiry, nonce, and the response's state and `iss` (RFC 9207). Any failure throws.
 * Providers that keep the e-mail out of the ID token give it at the userinfo endpoint.
 */
export async function completeAuthorization(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedIdentity> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedNonce: checks.nonce,
    expectedState: checks.state,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider sent no ID token');
  let emailClaims: Record<string, unknown> = claims;
  if (claims.email === undefined && config.serverMetadata().userinfo_endpoint) {
    emailClaims = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  }
  const email = typeof emailClaims.email === 'string' ? emailClaims.email.trim().toLowerCase() : null;
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: email || null,
    // Only a literal true counts: some providers send the string "true", which we do not guess at.
    emailVerified: emailClaims.email_verified === true,
    amr: Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [],
  };
}

/**
 * Authentication methods (RFC 8176) that show more than a password: an explicit multi-factor or
 * multi-channel sign-in, or a second factor a password alone does not give (one-time code,
 * hardware or software key, SMS or phone, smart card). Knowledge factors (pwd, pin, kba) do not.
 */
const multiFactorMethods: ReadonlySet<string> = new Set([
  'mfa',
  'mca',
  'otp',
  'hwk',
  'swk',
  'sms',
  'tel',
  'sc',
]);

export function isMultiFactor(amr: readonly string[]): boolean {
  return amr.some((method) => multiFactorMethods.has(method));
}

/** A stable, data-free description of a failure for the log: never the message or its cause. */
export function failureCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && /^[A-Z0-9_]{1,80}$/.test(code) ? code : error.name;
  }
  return 'unknown';
}
