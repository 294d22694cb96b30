/**
 * A small, tolerant XML reader for the GeoReport test client (fast-xml-parser is not among the
 * project's installed packages, and nothing may be installed). It reads what GeoReport documents
 * are made of: a declaration, elements, self-closing elements, text with the five predefined
 * entities and numeric references, comments and CDATA; attributes are read and ignored.
 */

export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith("#x") || ref.startsWith("#X")) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref] ?? whole;
  });
}

/** The XML declaration's attributes (version, encoding), or null when the document has none. */
export function xmlDeclaration(xml: string): Record<string, string> | null {
  const m = /^\uFEFF?<\?xml\s+([^?]*)\?>/.exec(xml);
  if (!m?.[1]) return null;
  return Object.fromEntries([...m[1].matchAll(/([\w:-]+)\s*=\s*["']([^"']*)["']/g)].map((a) => [a[1], a[2]]));
}

export function readXml(xml: string): XmlNode {
  const root: XmlNode = { name: "#document", children: [], text: "" };
  const stack: XmlNode[] = [root];
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(token)) {
    const top = stack.at(-1);
    if (!top) throw new Error("unbalanced XML");
    const [, cdata, closing, opening, , selfClosing, text] = m;
    if (cdata !== undefined) top.text += cdata;
    else if (closing !== undefined) {
      if (top.name !== closing) throw new Error(`</${closing}> closes <${top.name}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const node: XmlNode = { name: opening, children: [], text: "" };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    } else if (text !== undefined) top.text += decode(text);
  }
  if (stack.length !== 1) throw new Error("unclosed XML element");
  const [element, ...more] = root.children;
  if (!element || more.length) throw new Error("an XML document has exactly one root element");
  return element;
}

/**
 * A node as plain data: elements the caller names as lists become arrays of their children, other
 * elements with children become objects, leaves their text (null for an empty element).
 */
export function xmlToData(node: XmlNode, lists: ReadonlySet<string>): unknown {
  if (lists.has(node.name)) return node.children.map((child) => xmlToData(child, lists));
  if (node.children.length === 0) return node.text.trim() === "" ? null : node.text.trim();
  return Object.fromEntries(node.children.map((child) => [child.name, xmlToData(child, lists)]));
}
