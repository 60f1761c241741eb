/**
 * ID-token providers for tests: a provider configured by hand (`custom`) and the three presets,
 * all with their keys at a local JWKS server (the preset's `jwksUrl` overridden, as
 * docs/id-tokens.md allows for tests), plus the claims each expects.
 */
import type { Settings } from '../../src/core/config.js';
import type { JwksServer } from './jwks-server.js';

export const CUSTOM_ISSUER = 'https://idp.example.test';
export const CUSTOM_AUDIENCE = 'gatehouse-test-client';
export const PROJECT_ID = 'demo-gatehouse';
export const FIREBASE_ISSUER = `https://securetoken.google.com/${PROJECT_ID}`;
export const GOOGLE_WEB_CLIENT = 'web-client.apps.googleusercontent.com';
export const GOOGLE_ANDROID_CLIENT = 'android-client.apps.googleusercontent.com';
export const APPLE_BUNDLE_ID = 'com.example.gatehouse';

let subjects = 0;
/** A subject no other test uses. */
export const uniqueSubject = (tag = 'sub') => `${tag}-${Date.now().toString(36)}-${++subjects}`;

export function idTokenSettings(jwks: JwksServer, extra: Settings['idTokens'] = {}): Settings {
  return {
    idTokens: {
      providers: {
        custom: { issuer: CUSTOM_ISSUER, audiences: [CUSTOM_AUDIENCE], jwksUrl: jwks.url },
        firebase: { preset: 'firebase', projectId: PROJECT_ID, jwksUrl: jwks.url },
        google: {
          preset: 'google',
          audiences: [GOOGLE_WEB_CLIENT, GOOGLE_ANDROID_CLIENT],
          jwksUrl: jwks.url,
        },
        apple: { preset: 'apple', audiences: [APPLE_BUNDLE_ID], jwksUrl: jwks.url },
        ...extra?.providers,
      },
    },
  };
}

/** Claims of a valid token from each provider for `sub`, before the test's own. */
export function claimsFor(
  provider: 'custom' | 'firebase' | 'google' | 'apple',
  sub: string,
  now: number,
  claims: Record<string, unknown> = {},
): Record<string, unknown> {
  const seconds = Math.floor(now / 1000);
  switch (provider) {
    case 'custom':
      return { iss: CUSTOM_ISSUER, aud: CUSTOM_AUDIENCE, sub, ...claims };
    case 'firebase':
      return {
        iss: FIREBASE_ISSUER,
        aud: PROJECT_ID,
        sub,
        user_id: sub,
        auth_time: seconds - 60,
        firebase: { sign_in_provider: 'password', identities: {} },
        ...claims,
      };
    case 'google':
      return {
        iss: 'https://accounts.google.com',
        aud: GOOGLE_WEB_CLIENT,
        azp: GOOGLE_ANDROID_CLIENT,
        sub,
        ...claims,
      };
    case 'apple':
      return { iss: 'https://appleid.apple.com', aud: APPLE_BUNDLE_ID, sub, auth_time: seconds, ...claims };
  }
}
