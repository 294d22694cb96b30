import type { Channel, NotificationProvider } from "../provider";

/**
 * The developer's provider (`npm start`): nothing leaves the machine; each message lands in the
 * dev_outbox table, which /__dev/outbox shows. Keyed by the notification id, so it dedupes.
 */
export function localInboxProvider(db: D1Database, channel: Channel): NotificationProvider {
  return {
    name: "local-inbox",
    channel,
    dedupes: true,
    async send(message) {
      await db
        .prepare(
          "INSERT INTO dev_outbox (id, channel, recipient, template, text, tracking_no, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(
          message.id,
          message.channel,
          message.to,
          message.template,
          message.channel === "email" && message.subject ? `${message.subject}\n\n${message.text}` : message.text,
          message.trackingNo ?? null,
          new Date().toISOString(),
        )
        .run();
      return { kind: "sent", providerMessageId: message.id };
    },
  };
}
