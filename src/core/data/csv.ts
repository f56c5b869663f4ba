/**
 * Custom data from a CSV (or TSV) text: rows are samples, columns are the D coordinates.
 *
 * Accepted: an optional header row (detected when line 1 has a cell that is not a number);
 * delimiter comma, semicolon or tab, detected once for the whole file; `\n`, `\r\n` or `\r` line
 * ends; blank lines at the end; spaces around cells; cells in double quotes (`"a,b"`, `""` for a
 * quote) on one line. Numbers use JS/C float syntax — `1`, `-2.5`, `+3`, `1e-3`, `.5`, `5.` — and
 * are read with `Number`, so a number written with `String(x)` comes back bit-for-bit.
 * Rejected, with a message naming the line (and column): an empty file, a header with no data, a
 * single column, rows of different lengths, blank lines between rows, empty cells, anything that
 * is not a number (with a hint for decimal commas), NaN/Infinity or a value beyond float64, and
 * more than `maxNumbers` numbers in all. Lines and columns are 1-based, counted in the file as
 * given (a header is line 1).
 */
import type { Matrix } from '../linalg/matrix';

export type CsvDelimiter = ',' | ';' | '\t';

interface CsvData {
  ok: true;
  /** T × D, row-major: row t is sample t (line order, header excluded). */
  X: Matrix;
  /** Column names when line 1 is a header, else null. */
  header: string[] | null;
  delimiter: CsvDelimiter;
}

interface CsvError {
  ok: false;
  message: string;
  /** 1-based line of the file the message is about, when there is one. */
  line?: number;
  /** 1-based column (cell) on that line, when there is one. */
  column?: number;
}

export type CsvResult = CsvData | CsvError;

const DEFAULT_MAX_NUMBERS = 1_000_000;

/** Detection tries the delimiters in this order; the first that splits every line alike wins. */
const DELIMITERS: readonly CsvDelimiter[] = ['\t', ';', ','];
/** Lines looked at to detect the delimiter (the whole file is then checked against it). */
const DETECTION_LINES = 200;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:nan|inf|infinity)$/i;
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;

const delimiterName = (d: CsvDelimiter): string => (d === '\t' ? 'tabs' : d === ';' ? 'semicolons' : 'commas');

/** 1234567 → "1,234,567" (no locale dependence). */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A cell as shown in a message: quoted, at most 40 characters. */
const show = (cell: string): string => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 37)}...` : cell);

type Split = { fields: string[] } | { unterminatedAt: number };

/**
 * Split one line at `delim`, honouring double quotes. Fields are trimmed; a field that is wholly
 * quoted is unquoted (`""` → `"`). A quote inside an unquoted field is kept as text.
 */
function splitLine(line: string, delim: CsvDelimiter): Split {
  if (!line.includes('"')) return { fields: line.split(delim).map((f) => f.trim()) };
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    // Skip leading spaces of a field (not the delimiter itself).
    let j = i;
    while (j < n && (line[j] === ' ' || (line[j] === '\t' && delim !== '\t'))) j++;
    if (j < n && line[j] === '"') {
      let value = '';
      let k = j + 1;
      for (;;) {
        const q = line.indexOf('"', k);
        if (q < 0) return { unterminatedAt: fields.length + 1 };
        value += line.slice(k, q);
        if (line[q + 1] === '"') {
          value += '"';
          k = q + 2;
          continue;
        }
        k = q + 1;
        break;
      }
      // After the closing quote: optional spaces, then the delimiter or the end of the line.
      const next = line.indexOf(delim, k);
      const rest = next < 0 ? line.slice(k) : line.slice(k, next);
      fields.push(rest.trim() === '' ? value : (value + rest).trim());
      if (next < 0) return { fields };
      i = next + 1;
    } else {
      const next = line.indexOf(delim, i);
      fields.push((next < 0 ? line.slice(i) : line.slice(i, next)).trim());
      if (next < 0) return { fields };
      i = next + 1;
    }
  }
}

const fieldCount = (line: string, delim: CsvDelimiter): number => {
  const s = splitLine(line, delim);
  return 'fields' in s ? s.fields.length : -1;
};

/** Looks like an attempt at a number (so line 1 is data, not a header). */
const numberLike = (cell: string): boolean => NUMBER.test(cell) || NON_FINITE_WORD.test(cell) || DECIMAL_COMMA.test(cell);

function detectDelimiter(lines: string[]): CsvDelimiter | null {
  const sample = lines.slice(0, DETECTION_LINES);
  for (const d of DELIMITERS) {
    const first = fieldCount(sample[0], d);
    if (first >= 2 && sample.every((l) => fieldCount(l, d) === first)) return d;
  }
  // No delimiter splits every line alike: take the one line 1 uses, and let the row check report.
  for (const d of DELIMITERS) if (fieldCount(sample[0], d) >= 2) return d;
  return null;
}

/** The value of one cell, or the message explaining why it is not a finite number. */
function readCell(cell: string, line: number, column: number, delim: CsvDelimiter): number | CsvError {
  const at = `line ${line}, column ${column}`;
  if (cell === '') return { ok: false, message: `${at} is empty`, line, column };
  if (NUMBER.test(cell)) {
    const x = Number(cell);
    if (Number.isFinite(x)) return x;
    return { ok: false, message: `${at}: ${show(cell)} is not a finite number (it is beyond the float64 range)`, line, column };
  }
  if (NON_FINITE_WORD.test(cell)) return { ok: false, message: `${at}: ${show(cell)} is not a finite number (NaN and Infinity are not allowed)`, line, column };
  if (DECIMAL_COMMA.test(cell) && delim !== ',')
    return { ok: false, message: `${at}: ${show(cell)} is not a number (write decimals with a point: ${show(cell.replace(',', '.'))})`, line, column };
  return { ok: false, message: `${at}: ${show(cell)} is not a number`, line, column };
}

export function parseCsv(text: string, opts: { maxNumbers?: number } = {}): CsvResult {
  const maxNumbers = opts.maxNumbers ?? DEFAULT_MAX_NUMBERS;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // byte-order mark
  const all = body.split(/\r\n|\r|\n/);
  let end = all.length;
  while (end > 0 && all[end - 1].trim() === '') end--;
  if (end === 0) return { ok: false, message: 'the file is empty: it has no rows of numbers' };
  const lines = all.slice(0, end);
  for (let i = 0; i < lines.length; i++)
    if (lines[i].trim() === '') return { ok: false, message: `line ${i + 1} is blank: blank lines are allowed only at the end of the file`, line: i + 1 };

  const delimiter = detectDelimiter(lines);
  if (delimiter === null)
    return {
      ok: false,
      message: 'line 1 has a single column: the data needs at least 2 columns, separated by commas, semicolons or tabs',
      line: 1,
    };

  const first = splitLine(lines[0], delimiter);
  if (!('fields' in first))
    return { ok: false, message: `line 1, column ${first.unterminatedAt}: a quoted value has no closing quote`, line: 1, column: first.unterminatedAt };
  const D = first.fields.length;
  const hasHeader = first.fields.some((c) => c !== '' && !numberLike(c));
  const T = lines.length - (hasHeader ? 1 : 0);
  if (T === 0) return { ok: false, message: 'the file has only a header (line 1) and no rows of numbers', line: 1 };
  if (T * D > maxNumbers)
    return {
      ok: false,
      message: `the data has ${groupThousands(T * D)} numbers (${groupThousands(T)} rows × ${groupThousands(D)} columns), more than the limit of ${groupThousands(maxNumbers)}`,
    };

  const data = new Float64Array(T * D);
  for (let t = 0; t < T; t++) {
    const lineNo = t + 1 + (hasHeader ? 1 : 0);
    const split = splitLine(lines[lineNo - 1], delimiter);
    if (!('fields' in split))
      return {
        ok: false,
        message: `line ${lineNo}, column ${split.unterminatedAt}: a quoted value has no closing quote`,
        line: lineNo,
        column: split.unterminatedAt,
      };
    const cells = split.fields;
    if (cells.length !== D)
      return {
        ok: false,
        message: `line ${lineNo} has ${cells.length} value${cells.length === 1 ? '' : 's'}, expected ${D} (as on line 1, separated by ${delimiterName(delimiter)})`,
        line: lineNo,
      };
    for (let c = 0; c < D; c++) {
      const x = readCell(cells[c], lineNo, c + 1, delimiter);
      if (typeof x !== 'number') return x;
      data[t * D + c] = x;
    }
  }
  return { ok: true, X: { rows: T, cols: D, data }, header: hasHeader ? first.fields : null, delimiter };
}
