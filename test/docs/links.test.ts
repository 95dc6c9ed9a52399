// The README is the front door and docs/ the manual: every link between them (a file, or a heading
// in a file) must lead somewhere, and the front door stays short enough to read.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = ['README.md', ...globSync('docs/**/*.md', { cwd: ROOT })].sort();

/** The lines of a markdown page outside fenced code blocks. */
function prose(text: string): string[] {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    return !fenced && !line.startsWith('```');
  });
}

/** The anchors GitHub gives a page's headings (repeated headings get -1, -2, ...). */
function anchors(path: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = prose(readFileSync(join(ROOT, path), 'utf8')).filter((line) => /^#{1,6} /.test(line));
  return new Set(headings.map((line) => slugger.slug(line.replace(/^#+ /, '').replace(/`/g, ''))));
}

/** Every relative link of a page: its target file (from the repository root) and anchor. */
function links(path: string): { text: string; file: string; anchor: string | undefined }[] {
  const text = prose(readFileSync(join(ROOT, path), 'utf8')).join('\n');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [file, anchor] = target.split('#');
      return { text: target, file: file ? relative(ROOT, join(ROOT, dirname(path), file)) : path, anchor };
    });
}

describe('the README and docs/', () => {
  it('has the manual the README links to', () => {
    const linked = new Set(links('README.md').map((link) => link.file));
    for (const page of [
      'configuration',
      'cli',
      'github-action',
      'pipefy',
      'server-api',
      'security',
      'operations',
      'benchmarks',
    ])
      expect(linked, page).toContain(`docs/${page}.md`);
  });

  it.each(PAGES)('%s: every relative link leads to a file and heading that exist', (page) => {
    const broken = links(page).filter(({ file, anchor }) => {
      if (!existsSync(join(ROOT, file))) return true;
      if (anchor === undefined) return false;
      return !file.endsWith('.md') || !anchors(file).has(anchor);
    });
    expect(broken.map((link) => link.text)).toEqual([]);
  });

  it('keeps the front door under 25 KB', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThan(25 * 1024);
  });
});
