// The jobs of a distributed study (see distributed.ts), without the queue implementation.
import type { Scenario } from '../scenario/scenario';
import type { ReplicationResult } from './replication';

/** The queue every simulation worker takes replications from. */
export const REPLICATION_QUEUE = 'sim.replication';
/** Results of one study come back on its own queue, read only by the process that started it. */
export const resultQueue = (study: string) => `sim.result.${study}`;

export interface ReplicationJob {
  study: string;
  scenario: Scenario;
  seed: number;
  replication: number;
}

export interface ReplicationDone {
  replication: number;
  result?: ReplicationResult;
  error?: string;
}
