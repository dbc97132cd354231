import { describe, expect, it } from 'vitest';
import { formatFieldPath, parseFieldPath, toJsonPointer } from './field-paths';

describe('field paths', () => {
  it.each([
    ['goods[0].hsCode', ['goods', '0', 'hsCode']],
    ['goods.0.hsCode', ['goods', '0', 'hsCode']],
    ['data.goods[0].hsCode', ['goods', '0', 'hsCode']],
    ['/goods/0/hsCode', ['goods', '0', 'hsCode']],
    ['/a~1b/c~0d', ['a/b', 'c~d']],
    ['/', ['']],
    ['data', ['data']],
    ['/data/x', ['data', 'x']],
    ['matrix[1][2]', ['matrix', '1', '2']],
    ['data["a b"].c', ['a b', 'c']],
    ['ключ.значение', ['ключ', 'значение']],
  ])('reads %s', (input, segments) => {
    expect(parseFieldPath(input)).toEqual(segments);
  });

  it.each(['', 'a..b', '.a', 'a.', 'a[x]', 'a[-1]', 'a]'])('refuses %j', (input) => {
    expect(() => parseFieldPath(input)).toThrow(TypeError);
  });

  it('formats display paths and JSON pointers', () => {
    expect(formatFieldPath(['goods', 0, 'hsCode'])).toBe('data.goods[0].hsCode');
    expect(formatFieldPath(['a b', 1])).toBe('data["a b"][1]');
    expect(formatFieldPath([])).toBe('data');
    expect(toJsonPointer(['a/b', 0, 'c~d'])).toBe('/a~1b/0/c~0d');
  });
});
