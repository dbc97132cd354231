import { bytesToHex, parseHex } from '../hex';
import { rootOfLeafHashes } from './appender';
import { hashLeaf } from './hashing';

/**
 * CLI contract: "the RFC 9162 root in lowercase hex of the tree whose leaves are the lines of
 * FILE, each line the entry's bytes in hex (an empty line is the empty entry; one trailing newline
 * at the end of the file is not a line)".
 *
 * Reading of that contract, line by line:
 *   ""          -> no lines: the empty tree, SHA-256("")
 *   "\n"        -> one empty line: a single empty entry
 *   "00"        -> one line "00" (a missing final newline is fine)
 *   "00\n"      -> one line "00"
 *   "00\n\n"    -> two lines, "00" and ""
 * A line ends at "\n" or "\r\n" (a lone "\r" is not a line ending and fails as invalid hex).
 * Lines are strict hex (see hex.ts): no spaces, no "0x". Errors name the 1-based line number.
 */
export function rootFromHexLinesFile(text: string): string {
  if (typeof text !== 'string') throw new TypeError('file content must be a string');
  return bytesToHex(rootOfLeafHashes(leafHashesOfLines(text)));
}

function* leafHashesOfLines(text: string): Iterable<Uint8Array> {
  if (text === '') return;
  const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  let lineNumber = 0;
  let start = 0;
  // Walks the text instead of split() so a huge file is not copied into an array of lines.
  while (start <= body.length) {
    lineNumber++;
    const newline = body.indexOf('\n', start);
    const end = newline === -1 ? body.length : newline;
    const line = body.slice(start, end > start && body.charCodeAt(end - 1) === 13 && newline !== -1 ? end - 1 : end);
    const entry = parseHex(line);
    if (!entry.ok) throw new SyntaxError(`line ${lineNumber}: ${entry.reason}`);
    yield hashLeaf(entry.bytes);
    if (newline === -1) break;
    start = newline + 1;
  }
}
