// Secrets kept out of what MCP Scope shows and writes: headers, URLs, env values.

const SECRET_NAME = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|password|passwd|api[-_]?key|credential|session|auth/i;
const REDACTED = '••••';
/** URLs percent-encode anything else. */
const REDACTED_IN_URL = 'redacted';

/** Whether a header, env variable or query parameter of this name usually carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The headers with the values of secret ones replaced; an Authorization scheme ("Bearer") stays readable. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!isSecretName(name)) return [name, value];
      const scheme = /^(Bearer|Basic|Token|Digest)\s+/i.exec(value)?.[0] ?? '';
      return [name, `${scheme}${REDACTED}`];
    }),
  );
}

/** Every http(s) URL in `text` with its password and secret-looking query values replaced. */
export function redactUrls(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/g, (found) => {
    let url: URL;
    try {
      url = new URL(found);
    } catch {
      return found;
    }
    let changed = false;
    if (url.password) {
      url.password = REDACTED_IN_URL;
      changed = true;
    }
    for (const [name] of url.searchParams) {
      if (isSecretName(name)) {
        url.searchParams.set(name, REDACTED_IN_URL);
        changed = true;
      }
    }
    return changed ? url.toString() : found;
  });
}
