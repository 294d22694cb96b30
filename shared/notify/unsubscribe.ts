import { sha256Hex } from "../domain/hash-chain";
import { randomId } from "../domain/ids";

/** How an address is kept in the opt-out list: a digest, so the list itself holds no contact data. */
export function recipientDigest(address: string): string {
  return sha256Hex(address.trim().toLowerCase());
}

/**
 * The token an e-mail's unsubscribe link carries: random (128 bits), stored with the notification,
 * so a link opts out exactly the address it was sent to and no key has to be shared between Workers.
 */
export const newUnsubscribeToken = randomId;

/** What a token may look like: anything else is refused before the database is asked. */
export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
