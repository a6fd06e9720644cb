// The `${…}` variables of server entries, as VS Code's mcp.json knows them, substituted without
// the VS Code API so the rules can be tested under plain Node.

/** What a variable can be replaced with; missing values make the variable a problem. */
export interface VariableValues {
  /** The folder the entry belongs to; absent for user settings with no folder open. */
  workspaceFolder?: string;
  userHome?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The values the user gave for `${input:id}`, by id. */
  inputs: ReadonlyMap<string, string>;
}

const VARIABLE = /\$\{([^}]*)\}/g;

/** The ids of every `${input:id}` in the strings, in order of first use. */
export function inputsReferenced(strings: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const text of strings) {
    for (const match of text.matchAll(VARIABLE)) if (match[1].startsWith('input:')) ids.add(match[1].slice('input:'.length));
  }
  return [...ids];
}

/** Replaces every variable in `text`, or throws an Error naming the first one that has no value. */
export function substitute(text: string, values: VariableValues): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    const value = valueOf(name, values);
    if (value === undefined) throw new Error(`${whole} has no value: ${whyMissing(name)}`);
    return value;
  });
}

function valueOf(name: string, values: VariableValues): string | undefined {
  if (name === 'workspaceFolder') return values.workspaceFolder;
  if (name === 'workspaceFolderBasename') return values.workspaceFolder?.split(/[\\/]/).filter(Boolean).at(-1);
  if (name === 'userHome') return values.userHome;
  if (name === 'pathSeparator' || name === '/') return '/';
  if (name.startsWith('env:')) return values.env[name.slice('env:'.length)] ?? '';
  if (name.startsWith('input:')) return values.inputs.get(name.slice('input:'.length));
  return undefined;
}

function whyMissing(name: string): string {
  if (name === 'workspaceFolder' || name === 'workspaceFolderBasename') return 'no workspace folder is open';
  if (name.startsWith('input:')) return `no input with the id "${name.slice('input:'.length)}" was given a value`;
  return 'MCP Scope knows ${workspaceFolder}, ${workspaceFolderBasename}, ${userHome}, ${pathSeparator}, ${env:NAME} and ${input:id}';
}

/**
 * The variables of an env file (`NAME=value` lines, `#` comments, optional `export `, values
 * optionally in single or double quotes). Throws an Error naming the first line it cannot read.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`line ${index + 1} is not NAME=value: ${JSON.stringify(raw.slice(0, 80))}`);
    variables[match[1]] = unquote(match[2]);
  }
  return variables;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (!quoted) return value.replace(/\s+#.*$/, '');
  return quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : quoted[2];
}
