import { sha256Hex } from "../domain/hash-chain";

/** How an address is kept in the opt-out list: a digest, so the list itself holds no contact data. */
export function recipientDigest(address: string): string {
  return sha256Hex(address.trim().toLowerCase());
}

/**
 * The token an e-mail's unsubscribe link carries: random, stored with the notification, so a link
 * opts out exactly the address it was sent to and no key has to be shared between Workers.
 */
export function newUnsubscribeToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{24}$/;
