// A small syntax highlighter for the text of resources: JSON, Markdown, XML/HTML and YAML, chosen
// by MIME type. It only splits text into tokens; the panel renders each token as a text node in a
// span, so nothing a server sends is ever parsed as HTML.

export type TokenKind = 'string' | 'key' | 'number' | 'keyword' | 'punctuation' | 'comment' | 'heading' | 'code' | 'strong' | 'emphasis' | 'link' | 'tag' | 'attribute';

export interface Token {
  /** Undefined for plain text between tokens. */
  kind?: TokenKind;
  text: string;
}

export type HighlightLanguage = 'json' | 'markdown' | 'xml' | 'yaml';

/** One alternation per language; each capture group is a token kind, in order. */
const GRAMMARS: Record<HighlightLanguage, { pattern: RegExp; kinds: TokenKind[] }> = {
  json: {
    pattern: /("(?:[^"\\\n]|\\.)*")(?=\s*:)|("(?:[^"\\\n]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])/g,
    kinds: ['key', 'string', 'number', 'keyword', 'punctuation'],
  },
  markdown: {
    pattern: /^(#{1,6}[ \t].*)$|^(```.*)$|(`[^`\n]+`)|(\*\*[^*\n]+\*\*|__[^_\n]+__)|(\*[^*\s][^*\n]*\*)|(\[[^\]\n]+\]\([^)\n]+\))|^([ \t]*(?:[-*+]|\d+\.)(?=[ \t]))/gm,
    kinds: ['heading', 'code', 'code', 'strong', 'emphasis', 'link', 'punctuation'],
  },
  xml: {
    pattern: /(<!--[\s\S]*?-->)|(<\/?[A-Za-z][\w:.-]*|\/?>)|(?<=\s)([A-Za-z_:][\w:.-]*)(?==)|("[^"<]*"|'[^'<]*')/g,
    kinds: ['comment', 'tag', 'attribute', 'string'],
  },
  yaml: {
    pattern: /((?:^|(?<=\s))#.*$)|^([ \t]*(?:- )?[\w.-]+)(?=:(?:\s|$))|("(?:[^"\\\n]|\\.)*"|'[^'\n]*')|\b(true|false|null|yes|no)\b|(-?\b\d+(?:\.\d+)?\b)/gm,
    kinds: ['comment', 'key', 'string', 'keyword', 'number'],
  },
};

/** Texts longer than this are shown plain: highlighting them would hold up the panel for little gain. */
export const HIGHLIGHT_LIMIT = 200_000;

/** The language a MIME type names, when the panel can highlight it. */
export function highlightLanguageOf(mimeType: string | undefined): HighlightLanguage | undefined {
  const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (type === 'text/html' || type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml') return 'yaml';
  return undefined;
}

/** Splits text into tokens of the language; the tokens' texts put together are the text, exactly. */
export function highlight(text: string, language: HighlightLanguage): Token[] {
  if (text.length > HIGHLIGHT_LIMIT) return [{ text }];
  const { pattern, kinds } = GRAMMARS[language];
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
    const group = match.findIndex((captured, index) => index > 0 && captured !== undefined);
    if (group < 1 || match[0].length === 0) continue;
    const start = match.index + match[0].indexOf(match[group]);
    if (start > last) tokens.push({ text: text.slice(last, start) });
    tokens.push({ kind: kinds[group - 1], text: match[group] });
    last = start + match[group].length;
  }
  if (last < text.length) tokens.push({ text: text.slice(last) });
  return tokens;
}
