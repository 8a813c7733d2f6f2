import { createContext, useContext, type ReactNode } from "react";

/**
 * This request's Content-Security-Policy nonce (set by server.js): only scripts carrying it run.
 * The server renders it into the page's own inline scripts; in the browser it is empty, since
 * those scripts have already run.
 */
const NonceContext = createContext<string | undefined>(undefined);

export function NonceProvider({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return <NonceContext value={nonce}>{children}</NonceContext>;
}

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}

export const NONCE_HEADER = "x-kaizen-csp-nonce";
