import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The documents a newcomer reads: the README, the top-level policies and everything in docs/. */
const documents = [
  'README.md',
  'SECURITY.md',
  'CHANGELOG.md',
  'src/local/arize-emulator/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

interface Link {
  document: string;
  target: string;
}

/** Markdown inline links `[text](target)` outside fenced code blocks. */
function linksOf(document: string): Link[] {
  const text = readFileSync(join(root, document), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => ({
    document,
    target: match[1] ?? '',
  }));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(document: string): Set<string> {
  const text = readFileSync(join(root, document), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of text.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

const allLinks = documents.flatMap(linksOf);
const relativeLinks = allLinks.filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link.target));

describe('documentation links', () => {
  it('finds the documents and their links', () => {
    for (const document of ['LICENSE', 'docs/architecture.md', 'docs/runbook.md']) {
      expect(existsSync(join(root, document)), document).toBe(true);
    }
    expect(relativeLinks.length).toBeGreaterThan(10);
  });

  it.each(relativeLinks.map((link) => [`${link.document} → ${link.target}`, link] as const))(
    'resolves %s',
    (_name, link) => {
      const [path = '', anchor] = link.target.split('#');
      const file =
        path === '' ? join(root, link.document) : resolve(root, dirname(link.document), path);
      expect(relative(root, file).startsWith('..'), 'points outside the repository').toBe(false);
      expect(existsSync(file), `${relative(root, file)} exists`).toBe(true);
      if (anchor !== undefined && file.endsWith('.md') && statSync(file).isFile()) {
        expect([...anchorsOf(relative(root, file))]).toContain(anchor);
      }
    },
  );

  it('links the README and docs only to files in the repository', () => {
    const inReadmeAndDocs = allLinks.filter(
      (link) => link.document === 'README.md' || link.document.startsWith('docs/'),
    );
    const external = inReadmeAndDocs.filter((link) => /^[a-z][a-z0-9+.-]*:/i.test(link.target));
    expect(external).toEqual([]);
  });

  it('names no path outside the repository', () => {
    for (const document of documents) {
      const text = readFileSync(join(root, document), 'utf8');
      expect(text, document).not.toMatch(/\/work\/|\.\.\/shared|DESIGN\.md|reference\/[a-z-]+\.md/);
    }
  });
});
