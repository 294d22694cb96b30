import * as z from "zod";
import type { NotificationProvider, PROVIDER_SECRETS } from "../../../../shared/notify/provider";
import { aliyunSms } from "../../../../shared/notify/providers/aliyun-sms";
import { emailHttpProvider } from "../../../../shared/notify/providers/email-http";
import { localInboxProvider } from "../../../../shared/notify/providers/local-inbox";
import { tencentSms } from "../../../../shared/notify/providers/tencent-sms";
import type { DeliverySettings, Senders } from "./delivery";

/** The NOTIFY var (wrangler.toml), checked once per invocation: a bad setting fails loudly, not silently. */
export const NotifyConfig = z.object({
  sms: z.enum(["local", "aliyun", "tencent", "off"]),
  email: z.enum(["local", "http", "off"]),
  origin: z.url(),
  smsDailyCap: z.int().min(1).default(5),
  /** 短信签名 and each template's approved code at the SMS provider (templates.ts lists the ids). */
  smsSignName: z.string().optional(),
  smsTemplates: z.record(z.string(), z.string()).optional(),
  smsBaseUrl: z.url().optional(),
  smsRegion: z.string().optional(),
  /** Tencent Cloud's SmsSdkAppId. */
  smsSdkAppId: z.string().optional(),
  emailFrom: z.string().optional(),
  emailBaseUrl: z.url().optional(),
});
export type NotifyConfig = z.infer<typeof NotifyConfig>;

/**
 * Credentials are secrets (wrangler secret put), present only where a real provider is used. An
 * unset one is absent on Cloudflare and null on self-hosted workerd (`fromEnvironment` of an unset
 * variable).
 */
const secret = z.string().min(1).nullish();
const Secrets = z.object({
  SMS_ACCESS_KEY_ID: secret,
  SMS_ACCESS_KEY_SECRET: secret,
  EMAIL_API_KEY: secret,
} satisfies Record<(typeof PROVIDER_SECRETS)[number], z.ZodType>);

const required = (value: string | null | undefined, name: string) => {
  if (!value) throw new Error(`notifications: ${name} is not set`);
  return value;
};

function emailSender(
  config: NotifyConfig,
  secrets: z.infer<typeof Secrets>,
  db: D1Database,
): NotificationProvider | null {
  switch (config.email) {
    case "off":
      return null;
    case "local":
      return localInboxProvider(db, "email");
    case "http":
      return emailHttpProvider({
        baseUrl: config.emailBaseUrl ?? "https://api.resend.com",
        apiKey: required(secrets.EMAIL_API_KEY, "EMAIL_API_KEY"),
        from: required(config.emailFrom, "NOTIFY.emailFrom"),
      });
  }
}

function smsSender(
  config: NotifyConfig,
  secrets: z.infer<typeof Secrets>,
  db: D1Database,
): NotificationProvider | null {
  switch (config.sms) {
    case "off":
      return null;
    case "local":
      return localInboxProvider(db, "sms");
    case "aliyun":
    case "tencent": {
      const common = {
        accessKeyId: required(secrets.SMS_ACCESS_KEY_ID, "SMS_ACCESS_KEY_ID"),
        accessKeySecret: required(secrets.SMS_ACCESS_KEY_SECRET, "SMS_ACCESS_KEY_SECRET"),
        signName: required(config.smsSignName, "NOTIFY.smsSignName"),
        templates: config.smsTemplates ?? {},
        ...(config.smsRegion ? { region: config.smsRegion } : {}),
      };
      return config.sms === "aliyun"
        ? aliyunSms({ ...common, baseUrl: config.smsBaseUrl ?? "https://dysmsapi.aliyuncs.com" })
        : tencentSms({
            ...common,
            baseUrl: config.smsBaseUrl ?? "https://sms.tencentcloudapi.com",
            sdkAppId: required(config.smsSdkAppId, "NOTIFY.smsSdkAppId"),
          });
    }
  }
}

/** The providers and settings this Worker's configuration names. */
export function notificationSetup(env: { DB: D1Database; NOTIFY: unknown }): {
  senders: Senders;
  settings: DeliverySettings;
} {
  const config = NotifyConfig.parse(env.NOTIFY);
  const secrets = Secrets.parse(env);
  return {
    senders: { sms: smsSender(config, secrets, env.DB), email: emailSender(config, secrets, env.DB) },
    settings: {
      smsDailyCap: config.smsDailyCap,
      unsubscribeUrl: (token) => new URL(`/notifications/unsubscribe?t=${token}`, config.origin).toString(),
    },
  };
}
