/**
 * How Gatehouse calls outside providers — OpenID discovery, token and user endpoints, ID-token
 * key sets: the global `fetch`, or a stand-in an app or a test passes as the `fetch` dependency.
 */
export type OutboundFetch = (url: string, init: RequestInit) => Promise<Response>;
