import { it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3';
import { keccak256Hex } from './open-attestation/oa-v2-hashing';
it('perf', () => {
  let t = performance.now();
  for (let i = 0; i < 100000; i++) keccak_256(`{"f${i}":"00000000-0000-4000-8000-000000000000:number:${i}"}`);
  console.log('keccak raw ms/100k', (performance.now() - t));
  t = performance.now();
  for (let i = 0; i < 100000; i++) keccak256Hex(`{"f${i}":"00000000-0000-4000-8000-000000000000:number:${i}"}`);
  console.log('keccakhex ms/100k', (performance.now() - t));
});
