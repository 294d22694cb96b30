import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import { sha256Hex } from "../../../../shared/domain/hash-chain";
import { CaseSubmission } from "../../../../shared/domain/submission.schema";
import { Open311Error } from "./format";

/**
 * A GeoReport POST's form fields as a Wenzheng submission. GeoReport's own fields map onto ours
 * (service_code → category, description → body, first/last_name → name, phone, email, the
 * location → the case's address); what GeoReport lacks comes in as the service's attributes
 * (attribute[type], attribute[is_public], attribute[region], attribute[title]). device_id,
 * account_id and media_url are ignored: nothing of them is kept.
 */

export interface Catalogue {
  categories: ReadonlySet<string>;
  regions: readonly { code: string; name: string }[];
  cityCode: string;
}

/** Where a field of ours came from, so a refusal names the parameter the partner sent. */
const PARAM_OF: Record<string, string> = {
  type: "attribute[type]",
  title: "attribute[title]",
  body: "description",
  regionCode: "attribute[region]",
  address: "address_string",
  category: "service_code",
  name: "first_name/last_name",
  phone: "phone",
  email: "email",
  isPublic: "attribute[is_public]",
};
const TITLE_FROM_DESCRIPTION = 30;
const PHONE_REQUIRED =
  "phone: required, a mainland China mobile number (11 digits, e.g. 13912345678) — GeoReport makes it optional, but a Wenzheng case cannot go without it (the petitioner is told by SMS)";

const bad = (description: string) => new Open311Error(400, description);
const field = (params: URLSearchParams, name: string) => {
  const v = params.get(name)?.trim();
  return v ? v : undefined;
};

export function toSubmission(params: URLSearchParams, catalogue: Catalogue): CaseSubmission {
  const serviceCode = field(params, "service_code");
  if (!serviceCode) throw bad("service_code: required (see services.json)");
  if (!catalogue.categories.has(serviceCode)) throw new Open311Error(404, `service_code: no service ${serviceCode}`);
  const address = location(params);
  const description = field(params, "description");
  if (!description) throw bad("description: required (10–4,000 characters)");
  const type = field(params, "attribute[type]");
  if (!type || !(MESSAGE_TYPES as readonly string[]).includes(type))
    throw bad(`attribute[type]: required, one of ${MESSAGE_TYPES.join(", ")}`);
  const isPublic = field(params, "attribute[is_public]");
  if (isPublic !== "true" && isPublic !== "false") throw bad("attribute[is_public]: required, true or false");
  const phone = field(params, "phone");
  if (!phone) throw bad(PHONE_REQUIRED);
  const addressString = field(params, "address_string");
  const candidate = {
    type,
    title: field(params, "attribute[title]") ?? [...description].slice(0, TITLE_FROM_DESCRIPTION).join("").trim(),
    body: description,
    regionCode:
      field(params, "attribute[region]") ??
      (addressString ? regionIn(addressString, catalogue) : undefined) ??
      catalogue.cityCode,
    category: serviceCode,
    phone,
    isPublic: isPublic === "true",
    ...(address && { address }),
    ...nameOf(field(params, "first_name"), field(params, "last_name")),
    ...(field(params, "email") && { email: field(params, "email") }),
  };
  const parsed = CaseSubmission.safeParse(candidate);
  if (parsed.success) return parsed.data;
  throw bad(
    parsed.error.issues
      .map((i) => {
        const param = PARAM_OF[String(i.path[0])] ?? String(i.path[0]);
        return param === "phone" ? PHONE_REQUIRED : `${param}: ${i.message}`;
      })
      .join("; "),
  );
}

/** GeoReport asks for one of lat & long, address_string or address_id; we keep it as the case's address text. */
function location(params: URLSearchParams): string | undefined {
  const lat = field(params, "lat");
  const long = field(params, "long");
  const addressString = field(params, "address_string");
  const addressId = field(params, "address_id");
  if (lat !== undefined || long !== undefined) {
    const [y, x] = [Number(lat), Number(long)];
    if (lat === undefined || long === undefined || !(Math.abs(y) <= 90) || !(Math.abs(x) <= 180))
      throw bad("lat, long: both required together, as WGS84 decimal degrees");
  }
  if (addressString) return addressString;
  if (lat !== undefined && long !== undefined) return `${lat},${long}`;
  if (addressId) return `address_id ${addressId}`;
  throw bad("location: one of lat & long, address_string or address_id is required");
}

/** The most specific region named in an address ("平凉市崆峒区…" → 崆峒区), by full or short name. */
function regionIn(address: string, catalogue: Catalogue): string | undefined {
  let best: { code: string; length: number } | undefined;
  for (const r of catalogue.regions) {
    if (r.code === catalogue.cityCode) continue;
    const full = r.name.replace(/（[^）]*）|\([^)]*\)/g, "").trim();
    const short = full.length > 2 && /[区县市]$/.test(full) ? full.slice(0, -1) : full;
    for (const name of [full, short])
      if (name && address.includes(name) && (!best || name.length > best.length))
        best = { code: r.code, length: name.length };
  }
  return best?.code;
}

/** Chinese names put the family name first and run together; Latin ones read "first last". */
function nameOf(first: string | undefined, last: string | undefined): { name?: string } {
  if (!first && !last) return {};
  const latin = /^[\p{Script=Latin}\s'.-]+$/u.test(`${first ?? ""}${last ?? ""}`);
  const name = latin ? [first, last].filter(Boolean).join(" ") : `${last ?? ""}${first ?? ""}`;
  return { name };
}

/** Without an Idempotency-Key, a resend of the same form by the same partner is the same request. */
export function derivedIdempotencyKey(partnerId: string, params: URLSearchParams): string {
  const cmp = (p: string, q: string) => (p < q ? -1 : p > q ? 1 : 0);
  const fields = [...params].filter(([k]) => k !== "api_key").sort(([a, x], [b, y]) => cmp(a, b) || cmp(x, y));
  return sha256Hex(JSON.stringify([partnerId, fields]));
}
