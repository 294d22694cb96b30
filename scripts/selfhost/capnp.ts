/** Cap'n Proto text for the generated workerd configurations, and the names they share. */

export const PLATFORM_SERVICE = "platform";

/** A Cap'n Proto text literal: UTF-8 passes through; quotes, backslashes and control characters are escaped. */
export function capnpString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped
  const escaped = value.replace(/[\\"\u0000-\u001f]/g, (c) =>
    c === "\\" || c === '"' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return `"${escaped}"`;
}

export const json = (value: unknown) => capnpString(JSON.stringify(value));
export const designator = (entrypoint: string, props: unknown) =>
  `(name = ${capnpString(PLATFORM_SERVICE)}, entrypoint = ${capnpString(entrypoint)}, props = (json = ${json(props)}))`;
export const diskService = (worker: string) => `do-${worker}`;

/**
 * The network behind every Worker's global fetch (workerd's default `globalOutbound`): public
 * addresses only, so neither a partner's webhook URL nor a DNS answer changed after registration
 * reaches the city's own network, loopback or a metadata service. workerd filters each name's
 * resolved addresses at connect time. D1, queues, durable objects and the other process of a split
 * are reached through named services and external sockets, which this does not govern.
 */
export const INTERNET_SERVICE =
  '    (name = "internet", network = (allow = ["public"], deny = ["local", "private"], tlsOptions = (trustBrowserCas = true)))';
