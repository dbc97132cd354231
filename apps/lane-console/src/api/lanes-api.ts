import { api, ApiError, storedToken } from '@corridor/web';
import type { DecisionAction, Lane, Passage, VoipEvent, VoipState } from './types';

const lane = (laneId: string) => `/api/lanes/${encodeURIComponent(laneId)}`;

export const listLanes = () => api<Lane[]>('/api/lanes');

export const getLane = (laneId: string) => api<Lane>(lane(laneId));

export const getPassage = (id: string) => api<Passage>(`/api/passages/${encodeURIComponent(id)}`);

/** The passage at the booth, or null while the lane has never seen a truck (404 PASSAGE.NONE). */
export async function currentPassage(laneId: string): Promise<Passage | null> {
  try {
    return await api<Passage>(`${lane(laneId)}/passages/current`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'PASSAGE.NONE') return null;
    throw error;
  }
}

export const recentPassages = (laneId: string, limit = 10) => api<Passage[]>(`${lane(laneId)}/passages?limit=${limit}`);

export function decide(passageId: string, action: DecisionAction, note?: string): Promise<Passage> {
  const body = note?.trim() ? { action, note: note.trim() } : { action };
  return api<Passage>(`/api/passages/${encodeURIComponent(passageId)}/decision`, { method: 'POST', body: JSON.stringify(body) });
}

/** The booth phone, as the console drives it: the officer's id, and the passage the call is about. */
export function postVoip(laneId: string, state: VoipState, officerId: string, passageId?: string): Promise<{ outcome: string; passageId?: string }> {
  const body: VoipEvent = { device: 'voip', at: new Date().toISOString(), state, officerId, ...(passageId ? { passageId } : {}) };
  return api(`${lane(laneId)}/events`, { method: 'POST', body: JSON.stringify(body) });
}

/** EventSource cannot send headers: the token travels as ?token= (the API's documented way). */
export function streamUrl(laneId: string): string {
  const token = storedToken();
  return `${lane(laneId)}/passages/stream${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** One line for a failed call: the API's own message when it sent one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your sign-in has expired or is not valid: sign out and sign in again.';
    if (error.status === 403) return 'Your role may not do this (an officer token is needed).';
    return error.message || `The server answered ${error.status}.`;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check the network connection.';
  return error instanceof Error ? error.message : String(error);
}
