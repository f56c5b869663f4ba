import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { URL_SCHEMA } from '../../src/state/urlSchema';
import { urlTableMarkdown } from '../../src/state/urlTableMarkdown';

describe('README URL table', () => {
  it('has one row per schema key', () => {
    const table = urlTableMarkdown();
    for (const s of URL_SCHEMA) expect(table).toContain(`| \`${s.key}\` |`);
  });
  it('is the table generated from the schema (run `npm run docs` after changing a key)', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(urlTableMarkdown());
  });
});
