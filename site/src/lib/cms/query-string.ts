/**
 * Strapi's REST parameters in the `qs` bracket style (`populate[image][fields][0]=url`), which
 * Strapi parses with qs. Keys keep their brackets readable; keys and values are percent-encoded
 * (so a search term cannot inject a parameter). Undefined and null are left out; arrays use
 * indices, as `qs.stringify(..., { encodeValuesOnly: true })` does.
 */
export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue };
export type Query = { [key: string]: QueryValue };

// `$`, `:` and `,` are legal in a query string; left readable (`filters[$or]`, `sort=title:asc`).
function readable(encoded: string): string {
  return encoded.replace(/%24/g, '$').replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

function encodeKeyPart(part: string): string {
  return readable(encodeURIComponent(part));
}

function encodeValue(value: string): string {
  return readable(encodeURIComponent(value));
}

function flatten(prefix: string, value: QueryValue, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(`${prefix}[${index}]`, item, out));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(`${prefix}[${encodeKeyPart(key)}]`, item, out);
    return;
  }
  out.push(`${prefix}=${encodeValue(String(value))}`);
}

/**
 * Pages ask the same large queries (a page's blocks and their fields) on every request to find
 * their cache entry; encoding them was a measurable share of a member's page. JSON.stringify
 * (native) names the query; the encoded form is remembered, bounded.
 */
const encoded = new Map<string, string>();
const MEMO_ENTRIES = 2000;

export function toQueryString(query: Query): string {
  const name = JSON.stringify(query);
  const remembered = encoded.get(name);
  if (remembered !== undefined) return remembered;
  const out: string[] = [];
  for (const [key, value] of Object.entries(query)) flatten(encodeKeyPart(key), value, out);
  const result = out.join('&');
  if (encoded.size >= MEMO_ENTRIES) encoded.delete(encoded.keys().next().value!);
  encoded.set(name, result);
  return result;
}
