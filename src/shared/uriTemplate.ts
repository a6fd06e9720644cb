// RFC 6570 URI templates, as resource templates use them: the variables a template names (levels
// 1 to 4: operators, prefixes, explode marks) and the URI it gives for string values. Values come
// from a form, so each is one string; an empty value counts as undefined and is left out.

/** One expression of a template, e.g. `{?q,lang}`: its operator and its variables. */
interface Expression {
  operator: string;
  variables: { name: string; prefix?: number }[];
}

/** How each operator expands (RFC 6570 appendix A). */
const OPERATORS: Record<string, { first: string; separator: string; named: boolean; ifEmpty: string; reserved: boolean }> = {
  '': { first: '', separator: ',', named: false, ifEmpty: '', reserved: false },
  '+': { first: '', separator: ',', named: false, ifEmpty: '', reserved: true },
  '#': { first: '#', separator: ',', named: false, ifEmpty: '', reserved: true },
  '.': { first: '.', separator: '.', named: false, ifEmpty: '', reserved: false },
  '/': { first: '/', separator: '/', named: false, ifEmpty: '', reserved: false },
  ';': { first: ';', separator: ';', named: true, ifEmpty: '', reserved: false },
  '?': { first: '?', separator: '&', named: true, ifEmpty: '=', reserved: false },
  '&': { first: '&', separator: '&', named: true, ifEmpty: '=', reserved: false },
};

const VARSPEC = /^((?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*)(?::([1-9][0-9]{0,3})|\*)?$/;

export type ParsedTemplate = { ok: true; parts: (string | Expression)[] } | { ok: false; reason: string };

/** Splits a template into literal text and expressions, or says where it is not a URI template. */
export function parseUriTemplate(template: string): ParsedTemplate {
  const parts: (string | Expression)[] = [];
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    const strayClose = rest.indexOf('}');
    if (strayClose !== -1 && (open === -1 || strayClose < open)) return { ok: false, reason: `a "}" with no "{" before it in ${JSON.stringify(template)}` };
    if (open === -1) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf('}', open);
    if (close === -1) return { ok: false, reason: `an expression that is never closed with "}" in ${JSON.stringify(template)}` };
    const body = rest.slice(open + 1, close);
    const operator = /^[+#./;?&]/.test(body) ? body[0] : '';
    const variables: Expression['variables'] = [];
    for (const spec of body.slice(operator.length).split(',')) {
      const match = VARSPEC.exec(spec);
      if (!match) return { ok: false, reason: `${JSON.stringify(`{${body}}`)} does not name its variables the way RFC 6570 allows` };
      variables.push({ name: match[1], ...(match[2] !== undefined && { prefix: Number(match[2]) }) });
    }
    parts.push({ operator, variables });
    rest = rest.slice(close + 1);
  }
  return { ok: true, parts };
}

/** The names of a template's variables, each once, in the order they first appear. */
export function templateVariables(parsed: Extract<ParsedTemplate, { ok: true }>): string[] {
  const names = parsed.parts.flatMap((part) => (typeof part === 'string' ? [] : part.variables.map((variable) => variable.name)));
  return [...new Set(names)];
}

/** The URI a template gives for these values; variables without a value (or with an empty one) are left out. */
export function expandUriTemplate(parsed: Extract<ParsedTemplate, { ok: true }>, values: Record<string, string>): string {
  return parsed.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const rule = OPERATORS[part.operator];
      const expanded = part.variables.flatMap(({ name, prefix }) => {
        const value = values[name];
        if (value === undefined || value === '') return [];
        const text = encode(prefix === undefined ? value : [...value].slice(0, prefix).join(''), rule.reserved);
        return [rule.named ? `${name}${text === '' ? rule.ifEmpty : `=${text}`}` : text];
      });
      return expanded.length ? rule.first + expanded.join(rule.separator) : '';
    })
    .join('');
}

/** Percent-encodes all but the unreserved characters, and also keeps the reserved ones and existing %XX triplets when `reserved`. */
function encode(value: string, reserved: boolean): string {
  const encoded = encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  if (!reserved) return encoded;
  return encoded.replace(/%(2[1346789ABCF]|3[ABDF]|40|5[BD])/gi, (triplet) => decodeURIComponent(triplet)).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}
