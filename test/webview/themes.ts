// The four kinds of VS Code theme as a webview sees them: the body class VS Code sets and a small
// set of the --vscode-* variables it injects, with the values of the default theme of each kind
// (Dark Modern, Light Modern, Dark High Contrast, Light High Contrast).

export type ThemeKind = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';

export interface Theme {
  /** The class VS Code puts on the webview's <body>. */
  bodyClass: string;
  colorScheme: 'dark' | 'light';
  variables: Record<string, string>;
}

const FONTS: Record<string, string> = {
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '14px',
};

/** A dark theme's variables, the way VS Code sets them on a webview's <html>. */
export const DARK_THEME: Record<string, string> = {
  ...FONTS,
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-sideBar-background': '#181818',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#026ec1',
  '--vscode-button-border': '#ffffff12',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-button-secondaryHoverBackground': '#3c3c3c',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-input-placeholderForeground': '#989898',
  '--vscode-inputValidation-errorBackground': '#5a1d1d',
  '--vscode-inputValidation-errorBorder': '#be1100',
  '--vscode-errorForeground': '#f85149',
  '--vscode-progressBar-background': '#0078d4',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-list-activeSelectionForeground': '#ffffff',
  '--vscode-list-inactiveSelectionBackground': '#37373d',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-icon-foreground': '#cccccc',
  '--vscode-toolbar-hoverBackground': '#5a5d5e50',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-debugTokenExpression-name': '#c586c0',
  '--vscode-debugTokenExpression-string': '#ce9178',
  '--vscode-debugTokenExpression-number': '#b5cea8',
  '--vscode-debugTokenExpression-boolean': '#4e94ce',
};

const LIGHT_THEME: Record<string, string> = {
  ...FONTS,
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#3b3b3b',
  '--vscode-editor-background': '#ffffff',
  '--vscode-sideBar-background': '#f8f8f8',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-button-background': '#005fb8',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#0258a8',
  '--vscode-button-border': '#0000001a',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-button-secondaryHoverBackground': '#cccccc',
  '--vscode-input-background': '#ffffff',
  '--vscode-input-foreground': '#3b3b3b',
  '--vscode-input-border': '#cecece',
  '--vscode-input-placeholderForeground': '#767676',
  '--vscode-inputValidation-errorBackground': '#f2dede',
  '--vscode-inputValidation-errorBorder': '#be1100',
  '--vscode-errorForeground': '#f85149',
  '--vscode-progressBar-background': '#005fb8',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-list-hoverBackground': '#f2f2f2',
  '--vscode-list-activeSelectionBackground': '#e8e8e8',
  '--vscode-list-activeSelectionForeground': '#000000',
  '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
  '--vscode-textCodeBlock-background': '#f8f8f8',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-icon-foreground': '#3b3b3b',
  '--vscode-toolbar-hoverBackground': '#b8b8b850',
  '--vscode-badge-background': '#cccccc',
  '--vscode-badge-foreground': '#3b3b3b',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-green': '#388a34',
  '--vscode-testing-iconPassed': '#388a34',
  '--vscode-editorInfo-foreground': '#1a85ff',
  '--vscode-editorWarning-foreground': '#bf8803',
  '--vscode-debugTokenExpression-name': '#9b46b0',
  '--vscode-debugTokenExpression-string': '#a31515',
  '--vscode-debugTokenExpression-number': '#098658',
  '--vscode-debugTokenExpression-boolean': '#0000ff',
};

/** High contrast themes leave list and badge backgrounds unset and draw borders instead. */
const HIGH_CONTRAST_THEME: Record<string, string> = {
  ...FONTS,
  '--vscode-foreground': '#ffffff',
  '--vscode-descriptionForeground': '#ffffffb3',
  '--vscode-editor-background': '#000000',
  '--vscode-sideBar-background': '#000000',
  '--vscode-panel-border': '#6fc3df',
  '--vscode-contrastBorder': '#6fc3df',
  '--vscode-contrastActiveBorder': '#f38518',
  '--vscode-button-background': '#000000',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-border': '#6fc3df',
  '--vscode-button-secondaryForeground': '#ffffff',
  '--vscode-input-background': '#000000',
  '--vscode-input-foreground': '#ffffff',
  '--vscode-input-border': '#6fc3df',
  '--vscode-input-placeholderForeground': '#ffffffb3',
  '--vscode-inputValidation-errorBackground': '#000000',
  '--vscode-inputValidation-errorBorder': '#6fc3df',
  '--vscode-errorForeground': '#f48771',
  '--vscode-progressBar-background': '#6fc3df',
  '--vscode-focusBorder': '#f38518',
  '--vscode-list-activeSelectionForeground': '#ffffff',
  '--vscode-textCodeBlock-background': '#000000',
  '--vscode-textLink-foreground': '#21a6ff',
  '--vscode-icon-foreground': '#ffffff',
  '--vscode-badge-background': '#000000',
  '--vscode-badge-foreground': '#ffffff',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-editorWarning-foreground': '#fff000',
  '--vscode-debugTokenExpression-name': '#ffffff',
  '--vscode-debugTokenExpression-string': '#f48771',
  '--vscode-debugTokenExpression-number': '#89d185',
  '--vscode-debugTokenExpression-boolean': '#75bdfe',
};

const HIGH_CONTRAST_LIGHT_THEME: Record<string, string> = {
  ...FONTS,
  '--vscode-foreground': '#292929',
  '--vscode-descriptionForeground': '#292929',
  '--vscode-editor-background': '#ffffff',
  '--vscode-sideBar-background': '#ffffff',
  '--vscode-panel-border': '#0f4a85',
  '--vscode-contrastBorder': '#0f4a85',
  '--vscode-contrastActiveBorder': '#006bbd',
  '--vscode-button-background': '#0f4a85',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-border': '#0f4a85',
  '--vscode-button-secondaryForeground': '#292929',
  '--vscode-input-background': '#ffffff',
  '--vscode-input-foreground': '#292929',
  '--vscode-input-border': '#0f4a85',
  '--vscode-input-placeholderForeground': '#767676',
  '--vscode-inputValidation-errorBackground': '#ffffff',
  '--vscode-inputValidation-errorBorder': '#0f4a85',
  '--vscode-errorForeground': '#b5200d',
  '--vscode-progressBar-background': '#0f4a85',
  '--vscode-focusBorder': '#006bbd',
  '--vscode-list-activeSelectionBackground': '#0f4a851a',
  '--vscode-list-activeSelectionForeground': '#292929',
  '--vscode-list-hoverBackground': '#0f4a850d',
  '--vscode-textCodeBlock-background': '#f2f2f2',
  '--vscode-textLink-foreground': '#0f4a85',
  '--vscode-icon-foreground': '#292929',
  '--vscode-badge-background': '#0f4a85',
  '--vscode-badge-foreground': '#ffffff',
  '--vscode-charts-blue': '#0f4a85',
  '--vscode-charts-green': '#374e06',
  '--vscode-testing-iconPassed': '#007100',
  '--vscode-editorInfo-foreground': '#0f4a85',
  '--vscode-editorWarning-foreground': '#895503',
  '--vscode-debugTokenExpression-name': '#264f78',
  '--vscode-debugTokenExpression-string': '#a31515',
  '--vscode-debugTokenExpression-number': '#096d48',
  '--vscode-debugTokenExpression-boolean': '#0000ff',
};

export const THEMES: Record<ThemeKind, Theme> = {
  dark: { bodyClass: 'vscode-dark', colorScheme: 'dark', variables: DARK_THEME },
  light: { bodyClass: 'vscode-light', colorScheme: 'light', variables: LIGHT_THEME },
  'high-contrast': { bodyClass: 'vscode-high-contrast', colorScheme: 'dark', variables: HIGH_CONTRAST_THEME },
  'high-contrast-light': { bodyClass: 'vscode-high-contrast-light', colorScheme: 'light', variables: HIGH_CONTRAST_LIGHT_THEME },
};

export function isThemeKind(text: string | null): text is ThemeKind {
  return text !== null && Object.hasOwn(THEMES, text);
}

/** The stylesheet VS Code's injected variables amount to. */
export function themeCss({ variables, colorScheme }: Theme): string {
  return `html {\n${Object.entries(variables)
    .map(([name, value]) => `  ${name}: ${value};`)
    .join('\n')}\n  color-scheme: ${colorScheme};\n}\n`;
}
