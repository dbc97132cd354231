import { describe, expect, it } from 'vitest';
import { redactTokenParameter } from './logging.module';

describe('request logs', () => {
  it('never keep a bearer token passed in the query string', () => {
    expect(redactTokenParameter('/api/lanes/l1/passages/stream?token=eyJabc.def&x=1')).toBe('/api/lanes/l1/passages/stream?token=***&x=1');
    expect(redactTokenParameter('/a?x=1&access_token=zzz')).toBe('/a?x=1&access_token=***');
    expect(redactTokenParameter('/health')).toBe('/health');
  });
});
