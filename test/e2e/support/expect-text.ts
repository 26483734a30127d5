/**
 * Fails unless `text` matches every pattern (a string matches case-insensitively). The error
 * names what is missing and shows the text, so a failed step reads like a bug report.
 */
export function expectText(text: string, ...patterns: (string | RegExp)[]): void {
  const missing = patterns.filter((pattern) =>
    typeof pattern === 'string'
      ? !text.toLowerCase().includes(pattern.toLowerCase())
      : !pattern.test(text),
  );
  if (missing.length === 0) return;
  const shown = text.replace(/\s+/g, ' ').slice(0, 400);
  throw new Error(`expected ${missing.map(String).join(', ')} in: "${shown}"`);
}

/** Fails unless the message offers a button with this title. */
export function expectButton(buttons: readonly string[], title: string): void {
  if (buttons.includes(title)) return;
  throw new Error(`expected a "${title}" button, got: ${buttons.join(', ') || 'no buttons'}`);
}
