/** The sandbox page: one self-contained HTML document (placeholder until the UI lands). */
export const renderSandboxPage = (nonce: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>arize-ops sandbox</title></head><body><p>Sandbox coming soon.</p><script nonce="${nonce}"></script></body></html>`;
