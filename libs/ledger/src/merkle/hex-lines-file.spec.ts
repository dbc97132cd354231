import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../hex';
import { rootOfEntries } from './appender';
import { rootFromHexLinesFile } from './hex-lines-file';

const rootOf = (...entriesHex: string[]) => bytesToHex(rootOfEntries(entriesHex.map((hex) => hexToBytes(hex))));

describe('rootFromHexLinesFile', () => {
  it('treats an empty file as the empty tree', () => {
    expect(rootFromHexLinesFile('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('treats a lone newline as one empty entry', () => {
    expect(rootFromHexLinesFile('\n')).toBe(rootOf(''));
    expect(rootFromHexLinesFile('\n')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(rootFromHexLinesFile('\r\n')).toBe(rootOf(''));
  });

  it('does not count one trailing newline as a line, with or without it present', () => {
    expect(rootFromHexLinesFile('00')).toBe(rootOf('00'));
    expect(rootFromHexLinesFile('00\n')).toBe(rootOf('00'));
    expect(rootFromHexLinesFile('00\n\n')).toBe(rootOf('00', ''));
    expect(rootFromHexLinesFile('\n\n')).toBe(rootOf('', ''));
  });

  it('reproduces the Certificate Transparency size-8 root from its reference inputs', () => {
    const file = '\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n';
    expect(rootFromHexLinesFile(file)).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('accepts CRLF line endings and upper-case hex', () => {
    expect(rootFromHexLinesFile('00\r\nAB\r\n\r\nff\r\n')).toBe(rootOf('00', 'ab', '', 'ff'));
    expect(rootFromHexLinesFile('00\r\nab\n')).toBe(rootOf('00', 'ab'));
  });

  it('names the line of invalid hex', () => {
    expect(() => rootFromHexLinesFile('00\n0g\n')).toThrow('line 2: invalid hex digit \'g\' at position 1');
    expect(() => rootFromHexLinesFile('00\n\n123\n')).toThrow('line 3: hex has an odd number of digits (3)');
    expect(() => rootFromHexLinesFile('00 \n')).toThrow(/^line 1: /);
    expect(() => rootFromHexLinesFile('00\n1\r')).toThrow(/^line 2: invalid hex digit U\+000D at position 1/);
    expect(() => rootFromHexLinesFile('0x00')).toThrow(/^line 1: invalid hex digit 'x'/);
    expect(() => rootFromHexLinesFile('00\n\n\n')).not.toThrow();
  });

  it('handles many lines without building them all in memory', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 256).toString(16).padStart(2, '0'));
    expect(rootFromHexLinesFile(`${lines.join('\n')}\n`)).toBe(rootOf(...lines));
  });
});
