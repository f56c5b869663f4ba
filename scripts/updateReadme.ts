/** Rewrites the URL table in README.md from the schema (between the url-table markers). */
import { readFileSync, writeFileSync } from 'node:fs';
import { urlTableMarkdown } from '../src/state/urlTableMarkdown';

const START = '<!-- url-table:start -->';
const END = '<!-- url-table:end -->';
const readme = readFileSync('README.md', 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < a) throw new Error('README.md has no url-table markers');
writeFileSync('README.md', `${readme.slice(0, a + START.length)}\n${urlTableMarkdown()}\n${readme.slice(b)}`);
console.log('README.md URL table updated');
