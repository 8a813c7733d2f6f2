/**
 * A route's `handle` may say `neverOffline: true`: its page and its .data are then answered with
 * `X-Kaizen-Offline: never` and `Cache-Control: private, no-store` (server.js), and the service
 * worker (public/sw.js) never keeps them on the phone. For pages whose content is a secret that
 * must not outlive the screen: invitation codes, reset codes.
 *
 *   export const handle: TextsHandle & OfflineHandle = { texts: ["join"], neverOffline: true };
 */
export type OfflineHandle = { neverOffline?: boolean };

export const OFFLINE_HEADER = "X-Kaizen-Offline";
