// Which VS Code language shows a resource's text, by the MIME type the server gave it. Plain data,
// no VS Code API, so that it is testable under plain Node.

/** The VS Code language of each MIME type a server is likely to send; others are plain text. */
const LANGUAGES: Record<string, string> = {
  'application/json': 'json',
  'application/ld+json': 'json',
  'application/schema+json': 'json',
  'application/javascript': 'javascript',
  'text/javascript': 'javascript',
  'application/typescript': 'typescript',
  'text/typescript': 'typescript',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'text/css': 'css',
  'text/csv': 'csv',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'image/svg+xml': 'xml',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-python': 'python',
  'text/x-shellscript': 'shellscript',
  'application/x-sh': 'shellscript',
  'application/sql': 'sql',
  'text/x-rust': 'rust',
  'text/x-go': 'go',
  'text/x-java': 'java',
  'text/x-c': 'c',
  'text/x-c++': 'cpp',
  'application/toml': 'toml',
  'text/plain': 'plaintext',
};

/** The language a MIME type names (parameters such as `; charset=utf-8` ignored; `+json` and `+xml` types too). */
export function languageOfMimeType(mimeType: string | undefined): string {
  const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
  return LANGUAGES[type] ?? (type.endsWith('+json') ? 'json' : type.endsWith('+xml') ? 'xml' : 'plaintext');
}
