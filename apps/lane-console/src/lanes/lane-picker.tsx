import { useEffect, useState } from 'react';
import { describeError, listLanes } from '../api/lanes-api';
import type { Lane } from '../api/types';
import { LANE_TYPE_LABEL } from '../format/format';
import { Link, pathOf } from '../router/router';
import { rememberedLane, rememberLane } from './remembered-lane';

const DEVICE_LABEL: Record<string, string> = { rfid: 'RFID', lpr: 'Plate', cctv: 'CCTV', voip: 'VoIP' };

/** Every lane, by port: the officer picks the booth's lane once; the screen remembers it. */
export function LanePicker() {
  const [lanes, setLanes] = useState<Lane[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const remembered = rememberedLane();

  useEffect(() => {
    let current = true;
    setError(null);
    listLanes().then(
      (list) => current && setLanes(list),
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const ports = new Map<string, Lane[]>();
  for (const lane of [...(lanes ?? [])].sort((a, b) => a.portId.localeCompare(b.portId) || a.position - b.position)) {
    ports.set(lane.portId, [...(ports.get(lane.portId) ?? []), lane]);
  }

  return (
    <main className="picker" id="content">
      <div className="picker__intro">
        <h2>Choose this booth’s lane</h2>
        <p className="muted">Trucks on the lane you choose appear here as their reads arrive. This screen remembers the lane.</p>
      </div>
      {error && (
        <div className="notice notice--bad" role="alert">
          <p>The lanes could not be loaded: {error}</p>
          <button type="button" className="btn" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {lanes === null && !error && <p className="muted" role="status">Loading lanes…</p>}
      {lanes?.length === 0 && <p className="muted">No lanes are configured yet. An administrator equips a port with POST /api/ports.</p>}
      {[...ports.entries()].map(([portId, portLanes]) => (
        <section key={portId} className="picker__port" aria-labelledby={`port-${portId}`}>
          <h3 id={`port-${portId}`} className="picker__port-title">
            Port <span className="mono">{portId}</span>
          </h3>
          <ul className="picker__lanes">
            {portLanes.map((lane) => (
              <li key={lane.id}>
                <Link
                  to={pathOf({ page: 'lane', laneId: lane.id })}
                  className={`lane-card lane-card--${lane.type}${lane.id === remembered ? ' is-remembered' : ''}${lane.status === 'closed' ? ' is-closed' : ''}`}
                  onClick={() => rememberLane(lane.id)}
                  aria-label={`${lane.name}, ${LANE_TYPE_LABEL[lane.type]} lane, ${lane.booth}${lane.status === 'closed' ? ', closed' : ''}`}
                >
                  <span className="lane-card__top">
                    <span className="lane-card__name">{lane.name}</span>
                    <span className={`type-badge type-badge--${lane.type}`}>{lane.type}</span>
                  </span>
                  <span className="lane-card__meta">
                    {lane.booth} · <span className="mono">{lane.id}</span>
                  </span>
                  <span className="lane-card__devices">
                    {lane.devices.map((d) => (
                      <span key={d.id} className="device">{DEVICE_LABEL[d.kind] ?? d.kind}</span>
                    ))}
                  </span>
                  <span className="lane-card__foot">
                    {lane.status === 'closed' ? <span className="tone-bad">Closed</span> : <span className="tone-good">Open</span>}
                    {lane.id === remembered && <span className="lane-card__last">Last used on this screen</span>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
