import { FieldReader } from '@corridor/domain';
import type { TwinSettings } from '@corridor/platform';
import type { WhatIfRequest } from './what-if.query';

export const WHAT_IF_HOURS = { min: 0.25, max: 24 } as const;
const MAX_TARGET_WAIT_S = 86_400;

/** `{hours?, target_wait_s?}` of POST /api/twin/what-if, defaults from the configuration; a 400 names each bad field. */
export function readWhatIfRequest(input: unknown, defaults: Pick<TwinSettings, 'forecastHours' | 'waitTargetSeconds'>): WhatIfRequest {
  const r = new FieldReader();
  const body = input === undefined ? {} : (r.object(input, 'body') ?? {});
  r.known(body, '', ['hours', 'target_wait_s']);
  const hours = r.number(body.hours, 'hours', { min: WHAT_IF_HOURS.min, max: WHAT_IF_HOURS.max, required: false }) ?? defaults.forecastHours;
  const target = r.number(body.target_wait_s, 'target_wait_s', { max: MAX_TARGET_WAIT_S, required: false });
  if (target !== undefined && target <= 0) r.fail('target_wait_s', 'must be greater than 0');
  r.throwIfInvalid('TWIN.INVALID_WHAT_IF');
  return { hours, targetWaitSeconds: target ?? defaults.waitTargetSeconds };
}
