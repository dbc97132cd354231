/** One CSV field: quoted when it holds a comma, quote, line break or edge whitespace (RFC 4180). */
export function csvField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** One CSV line (without the line break). */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i]);
  return line;
}

/** A whole CSV document with a header, lines ending in \n. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const parts = [csvLine(header)];
  for (const row of rows) parts.push(csvLine(row));
  return parts.join('\n') + '\n';
}
