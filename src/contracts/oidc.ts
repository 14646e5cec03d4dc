// Single sign-on with OpenID Connect: the SWV's provider settings (swv_admin), the list of SWVs
// that offer SSO on the login page, and the parameters of the start and callback redirects.
import { z } from 'zod';
import { grantDecisions } from '../domain/roles.ts';
import { Id, Text } from './common.ts';

/**
 * An issuer identifier (OpenID Connect Discovery §2): an absolute http(s) URL without query,
 * fragment or credentials. Plain http is refused by the server unless it runs with insecure
 * requests allowed (tests only).
 */
const IssuerUrl = Text(500)
  // Text first: the URL parser drops control characters at the ends, which the database cannot store.
  .pipe(z.url({ protocol: /^https?$/ }))
  .refine((value) => {
    // Refinements run even when the URL check above failed: parse defensively.
    const url = URL.canParse(value) ? new URL(value) : null;
    return url !== null && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  }, 'an issuer URL has no query, fragment or credentials');

const Credential = (max: number) => Text(max).pipe(z.string().min(1));

export const OidcSettingsBody = z.strictObject({
  issuer: IssuerUrl,
  clientId: Credential(255),
  /** Omitted: keep the stored secret (only while issuer and client id stay the same). */
  clientSecret: Credential(1024).optional(),
  enabled: z.boolean(),
  /** The SWV vouches that its provider enforces a second factor; only then does `amr` count. */
  providerEnforcesMfa: z.boolean().default(false),
  /** A fresh code of the administrator's own authenticator app (step-up): SSO is a way in. */
  secondFactorCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits'),
});

/** The settings as the admin sees them: the secret itself is never sent back. */
export const OidcSettingsView = z.object({
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  hasClientSecret: z.boolean(),
  enabled: z.boolean(),
  providerEnforcesMfa: z.boolean(),
  /** A change waits for a second administrator (or the operator); the settings above still hold. */
  pendingChange: z.boolean(),
  /** Where the provider sends the browser back: the administrator registers it at the provider. */
  redirectUri: z.string(),
});

/**
 * A change of the SWV's single sign-on waiting for a second administrator (docs/SECURITY.md C8):
 * what would sign people in, who asked and when; never the secret.
 */
export const SsoChangeView = z.object({
  id: z.string(),
  swvId: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  enabled: z.boolean(),
  providerEnforcesMfa: z.boolean(),
  requestedBy: z.object({ id: z.string(), displayName: z.string() }),
  requestedAt: z.string(),
  /** Whether the signed-in administrator (or operator) may approve or refuse it; never the asker. */
  mayDecide: z.boolean(),
});

export const SsoChangeDecision = z.object({ id: z.string(), status: z.enum(grantDecisions) });

export const SsoProviderList = z.array(z.object({ swvId: z.string(), name: z.string() }));

export const OidcStartParams = z.strictObject({ swvId: Id });

/**
 * The provider's authorization response. Loose on purpose: OAuth 2.0 (RFC 6749 §4.1.2) lets a
 * provider add parameters (session_state, scope, iss) that a client must ignore; the values
 * themselves are checked by openid-client, not by this schema.
 */
export const OidcCallbackQuery = z.looseObject({
  state: z.string().max(200).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(200).optional(),
});
