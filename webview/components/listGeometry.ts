// The virtual list's two numbers that change as it scrolls (the canvas's height, the drawn window's
// offset), kept in rules of a stylesheet the page constructs, so no element carries a style of its
// own and the stylesheet stays the one place that styles the panel. The CSP's style-src governs
// loaded stylesheets, not constructed ones.

let rules: { canvas: CSSStyleRule; window: CSSStyleRule } | undefined;

function geometryRules(): { canvas: CSSStyleRule; window: CSSStyleRule } {
  if (!rules) {
    const sheet = new CSSStyleSheet();
    sheet.insertRule('.timeline-window {}');
    sheet.insertRule('.timeline-canvas {}');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    rules = { canvas: sheet.cssRules[0] as CSSStyleRule, window: sheet.cssRules[1] as CSSStyleRule };
  }
  return rules;
}

/** Sizes the timeline's canvas to every row and moves its window of drawn rows to `offset`, in pixels. */
export function setListGeometry(height: number, offset: number): void {
  const { canvas, window } = geometryRules();
  canvas.style.height = `${height}px`;
  window.style.transform = `translateY(${offset}px)`;
}
