import { useNow } from '../components/use-now';
import type { StreamStatus } from '../stream/passage-stream';

/** The lane link at a glance: a coloured dot and a word, with the detail a tooltip away. */
export function ConnectionStatus({ status, onRetry }: { status: StreamStatus; onRetry: () => void }) {
  const waiting = status.kind === 'reconnecting' || status.kind === 'polling' || status.kind === 'offline';
  const now = useNow(waiting);
  const inSeconds = 'retryAt' in status ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : 0;
  let tone: 'good' | 'warn' | 'bad' | 'neutral';
  let label: string;
  let detail: string;
  switch (status.kind) {
    case 'connecting':
      [tone, label, detail] = ['neutral', 'Connecting…', 'Opening the live stream for this lane'];
      break;
    case 'live':
      [tone, label, detail] = ['good', 'Live', 'Passages arrive as the lane reads them'];
      break;
    case 'reconnecting':
      [tone, label, detail] = ['warn', `Reconnecting${inSeconds ? ` in ${inSeconds} s` : '…'}`, `The live stream dropped (attempt ${status.attempt})`];
      break;
    case 'polling':
      [tone, label, detail] = ['warn', `Polling every ${Math.round(status.everyMs / 1000)} s`, `The live stream is down; checking the lane every ${Math.round(status.everyMs / 1000)} s. Retrying the stream${inSeconds ? ` in ${inSeconds} s` : ''}`];
      break;
    case 'offline':
      [tone, label, detail] = ['bad', 'Offline', status.error];
      break;
  }
  return (
    <div className={`conn conn--${tone}`} role="status" aria-live="polite" title={detail} data-status={status.kind}>
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__label">{label}</span>
      {waiting && (
        <button type="button" className="btn btn--on-dark btn--small" onClick={onRetry}>
          Reconnect now
        </button>
      )}
    </div>
  );
}
