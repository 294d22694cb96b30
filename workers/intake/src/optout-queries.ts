import { recipientDigest } from "../../../shared/notify/unsubscribe";

/**
 * Opts addresses out of every notification (the e-mail's link, the citizen's 退订), by digest and
 * once each. The addresses are what the deadline Worker checks before recording a message.
 */
export async function optOut(
  db: D1Database,
  addresses: readonly { channel: string; address: string }[],
): Promise<void> {
  const at = new Date().toISOString();
  await db.batch(
    addresses.map(({ channel, address }) =>
      db
        .prepare(
          "INSERT INTO notification_optouts (channel, recipient_hash, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(channel, recipientDigest(address), at),
    ),
  );
}
