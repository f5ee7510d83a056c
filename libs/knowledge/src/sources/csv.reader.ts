/** One CSV record with the file line it starts on (quoted fields may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" inside quotes is a quote,
 * CRLF or LF line ends, a leading UTF-8 BOM ignored. Blank lines are skipped. An unclosed quote or
 * a quote in the middle of an unquoted field is an error naming its line.
 */
export function readCsv(text: string): CsvResult {
  const source = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteOpenedOn = 0;
  let fieldStarted = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = source[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
            return {
              ok: false,
              line,
              message: 'text after a closing quote; write "" for a quote inside a field',
            };
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted)
        return { ok: false, line, message: 'quote inside an unquoted field; quote the whole field' };
      quoted = true;
      quoteOpenedOn = line;
      fieldStarted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteOpenedOn, message: 'quoted field is never closed' };
  if (fieldStarted || fields.length > 0) endRecord();
  return { ok: true, records };
}
