import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/**
 * The one Content-Security-Policy of our pages: scripts, styles and images only from our own origin
 * (ECharts and the console's scripts are served by the Workers themselves), no plugins, no <base>.
 * `framing` says who may frame the page: the staff console nobody ("none"), the portal and the
 * report only ourselves ("self"). The widget's iframe pages set their own, per partner origin.
 * `overwrite: false` leaves headers a route set itself (the rankings API's CORP) as they are.
 */
export function securityHeaders(framing: "none" | "self", options: { overwrite?: boolean } = {}): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: [framing === "none" ? "'none'" : "'self'"],
    },
    ...(options.overwrite === undefined ? {} : { overwrite: options.overwrite }),
  });
}
