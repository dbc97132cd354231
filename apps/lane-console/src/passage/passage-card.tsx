import type { CertificateFinding, DeclarationSummary, Lane, Passage, Reason, Recommendation } from '../api/types';
import { between, clock, duration, groupEpc, latency, percent, score, splitPlate, when } from '../format/format';
import { cctvOf, faceCheck, isFlagged, lprOf, plateCheck, reasonsFor, rfidOf, type Tone } from './checks';

const OUTCOME_TONE: Record<Recommendation, Tone> = { release: 'good', manual: 'warn', refer: 'bad' };
const OUTCOME_ICON: Record<Recommendation, string> = { release: '✓', manual: '!', refer: '✕' };

/**
 * One truck at the booth, pre-filled from the lane's reads and checks: the recommendation first
 * and unmistakable, the contradictions standing out under it, then the facts it rests on.
 */
export function PassageCard({ passage, lane, now }: { passage: Passage; lane: Lane; now: number }) {
  return (
    <article className="passage" aria-labelledby="passage-verdict">
      <Verdict passage={passage} now={now} />
      <Attention passage={passage} />
      <div className="tiles">
        <TruckTile passage={passage} lane={lane} />
        <CarrierTile passage={passage} />
        <DriverTile passage={passage} lane={lane} />
      </div>
      <div className="passage__lower">
        <Reasons passage={passage} />
        <Declarations passage={passage} />
      </div>
      {passage.certificates.length > 0 && <Certificates findings={passage.certificates} />}
    </article>
  );
}

function Verdict({ passage, now }: { passage: Passage; now: number }) {
  const { recommendation, timings } = passage;
  const tone: Tone = recommendation ? OUTCOME_TONE[recommendation] : 'neutral';
  const firstRead = Date.parse(timings.firstReadAt);
  const elapsed = (timings.decisionAt ? Date.parse(timings.decisionAt) : now) - firstRead;
  // Server clock on both ends (the first read's device time may be skewed against it).
  const ready = between(timings.openedAt, timings.recommendationAt);
  const lead = verdictLead(passage);
  return (
    <header className={`verdict verdict--${tone}`} data-recommendation={recommendation ?? 'pending'}>
      <div className="verdict__main">
        <span className="verdict__eyebrow">Recommendation</span>
        <h2 id="passage-verdict" className="verdict__word">
          <span className="verdict__icon" aria-hidden="true">{recommendation ? OUTCOME_ICON[recommendation] : '…'}</span>
          {recommendation ? VERDICT_WORD[recommendation] : 'Checking…'}
          {recommendation === 'refer' && <span className="verdict__suffix">to secondary</span>}
        </h2>
        <p className="verdict__lead">{lead}</p>
      </div>
      <dl className="verdict__timings" aria-label="Timings">
        <div>
          <dt>First read</dt>
          <dd>{clock(timings.firstReadAt)}</dd>
        </div>
        <div>
          <dt>Recommended</dt>
          <dd>{timings.recommendationAt ? <>{clock(timings.recommendationAt)} <span className="verdict__lat">+{latency(ready)}</span></> : '—'}</dd>
        </div>
        <div className="verdict__elapsed">
          <dt>{timings.decisionAt ? 'Time at booth' : 'Elapsed'}</dt>
          <dd data-testid="elapsed">{duration(elapsed)}</dd>
        </div>
      </dl>
    </header>
  );
}

const VERDICT_WORD: Record<Recommendation, string> = { release: 'Release', refer: 'Refer', manual: 'Manual check' };

/** One line under the verdict that says how it was reached; the detail is listed below it, once. */
export function verdictLead(passage: Passage): string {
  if (!passage.recommendation) return 'Reads are still arriving: the lane recommends once it has them all.';
  const total = passage.reasons.length;
  const items = attentionItems(passage);
  const flags = items.filter((i) => i.flag).length;
  const others = items.length - flags;
  if (items.length === 0) return `All ${total} checks passed`;
  const parts = [flags ? `${flags} flag${flags === 1 ? '' : 's'}` : '', others ? `${others} ${flags ? 'more ' : ''}to check` : ''].filter(Boolean);
  return `${parts.join(', ')} below · ${total - items.length} of ${total} checks passed`;
}

function TruckTile({ passage, lane }: { passage: Passage; lane: Lane }) {
  const lpr = lprOf(passage);
  const rfid = rfidOf(passage);
  const plate = lpr ? lpr.plate : splitPlate(passage.plate);
  const check = plateCheck(lpr, lane.settings.plateConfidenceThreshold);
  const hasRfid = lane.devices.some((d) => d.kind === 'rfid');
  return (
    <section className="tile" aria-labelledby="tile-truck">
      <h3 id="tile-truck" className="tile__title">Truck</h3>
      <div className="plate-row">
        {plate ? (
          <div className="plate" aria-label={`Plate ${plate.jurisdiction} ${plate.number}`}>
            <span className="plate__jur">{plate.jurisdiction}</span>
            <span className="plate__num">{plate.number}</span>
          </div>
        ) : (
          <div className="plate plate--missing">No plate read</div>
        )}
      </div>
      {lpr && (
        <p className="score-line">
          <span className={`chip chip--${check.tone}`} data-testid="plate-confidence" data-tone={check.tone}>
            {percent(lpr.confidence)} · {check.label}
          </span>
          <span className="muted small">lane needs {percent(lane.settings.plateConfidenceThreshold)}</span>
        </p>
      )}
      <dl className="facts">
        <div className="facts__stack">
          <dt>Transponder (RFID)</dt>
          <dd>
            {rfid ? (
              <span className="mono epc" aria-label={rfid.epc}>
                {groupEpc(rfid.epc).split(' ').map((group, i) => (
                  <span key={i}>{group}</span>
                ))}
              </span>
            ) : (
              <span className="tone-warn strong">{hasRfid ? 'Not read' : 'No RFID reader on this lane'}</span>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        {rfid && `RFID ${clock(rfid.at)}`}
        {rfid && lpr && ' · '}
        {lpr && `plate ${clock(lpr.at)}`}
      </p>
    </section>
  );
}

function CarrierTile({ passage }: { passage: Passage }) {
  const carrier = passage.carrier;
  return (
    <section className="tile" aria-labelledby="tile-carrier">
      <h3 id="tile-carrier" className="tile__title">Carrier</h3>
      {carrier ? (
        <>
          <p className="tile__big" data-testid="carrier-name">{carrier.name}</p>
          <p className="badges">
            <span className="badge badge--programme" title="Trusted-trader programme">{carrier.programme}</span>
            <span className={`badge badge--${carrier.status === 'active' ? 'good' : 'bad'}`}>{carrier.status}</span>
          </p>
          <dl className="facts">
            <div>
              <dt>Found by</dt>
              <dd>{carrier.matchedBy}</dd>
            </div>
            {carrier.traderId && (
              <div>
                <dt>Trader id</dt>
                <dd className="mono">{carrier.traderId}</dd>
              </div>
            )}
          </dl>
        </>
      ) : (
        <>
          <p className="tile__big tone-warn">Not a trusted carrier</p>
          <p className="muted small">{passage.recommendation ? 'Neither the transponder nor the plate is enrolled in FAST, AEO or PIP.' : 'Looking up the trusted-trader registry…'}</p>
        </>
      )}
    </section>
  );
}

function DriverTile({ passage, lane }: { passage: Passage; lane: Lane }) {
  const cctv = cctvOf(passage);
  const threshold = lane.settings.faceMatchThreshold;
  const check = faceCheck(cctv, threshold);
  return (
    <section className="tile" aria-labelledby="tile-driver">
      <h3 id="tile-driver" className="tile__title">Driver (CCTV)</h3>
      <div className={`face face--${check.tone}`} data-testid="face-match" data-tone={check.tone}>
        <span className="face__score">{cctv?.faceMatchScore !== undefined && cctv.driverPresent ? score(cctv.faceMatchScore) : '—'}</span>
        <span className="face__label">
          <strong>{check.label}</strong>
          <span>threshold {score(threshold)}</span>
        </span>
      </div>
      <dl className="facts">
        <div>
          <dt>Driver</dt>
          <dd>
            {cctv ? (cctv.driverPresent ? 'present' : <span className="tone-warn strong">not seen</span>) : <span className="tone-warn strong">no camera read</span>}
            {cctv?.driverId && <span className="mono"> · {cctv.driverId}</span>}
          </dd>
        </div>
        {cctv && (
          <div>
            <dt>Camera</dt>
            <dd>
              {cctv.cameraId}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/**
 * What keeps the truck from a plain release, most severe first: the lane's flags (contradictions
 * between the reads and the registry) marked as such, then every other refer or manual reason
 * (a doubtful plate, a missing transponder, risk still pending...).
 */
function Attention({ passage }: { passage: Passage }) {
  const items = attentionItems(passage);
  if (items.length === 0) return null;
  return (
    <section className="attention" aria-label="Needs attention">
      <ul>
        {items.map((item) => (
          <li key={`${item.code}:${item.text}`} className={`attention__item attention__item--${item.flag ? 'flag' : OUTCOME_TONE[item.outcome]}`} data-code={item.code} data-flag={item.flag || undefined}>
            <span className="attention__icon" aria-hidden="true">{item.flag ? '⚑' : OUTCOME_ICON[item.outcome]}</span>
            <span className="attention__title">{item.flag ? `Flag: ${flagTitle(item.code)}` : item.outcome === 'refer' ? 'Refer' : 'Check'}</span>
            <span className="attention__text">{item.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function attentionItems(passage: Passage): Array<{ code: string; text: string; outcome: Recommendation; flag: boolean }> {
  const items = passage.reasons
    .filter((r) => r.outcome !== 'release' || isFlagged(passage, r.code))
    .map((r) => ({ ...r, flag: isFlagged(passage, r.code) }));
  for (const f of passage.flags) if (!items.some((i) => i.code === f.code)) items.push({ ...f, outcome: 'refer', flag: true });
  return items.sort((a, b) => Number(b.flag) - Number(a.flag));
}

function Reasons({ passage }: { passage: Passage }) {
  const passed = passage.reasons.filter((r) => r.outcome === 'release' && !isFlagged(passage, r.code));
  return (
    <section className="panel reasons" aria-labelledby="reasons-title">
      <h3 id="reasons-title" className="panel__title">
        Checks passed <span className="count">{passed.length} of {passage.reasons.length}</span>
      </h3>
      {passed.length === 0 ? (
        <p className="muted">{passage.reasons.length === 0 ? 'No checks yet.' : 'None: see above.'}</p>
      ) : (
        <ul className="reason-list">
          {passed.map((reason) => (
            <ReasonItem key={`${reason.code}:${reason.text}`} reason={reason} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReasonItem({ reason }: { reason: Reason }) {
  const tone = OUTCOME_TONE[reason.outcome];
  return (
    <li className={`reason reason--${tone}`} data-code={reason.code}>
      <span className="reason__icon" aria-label={reason.outcome}>{OUTCOME_ICON[reason.outcome]}</span>
      <span className="reason__text">{reason.text}</span>
    </li>
  );
}

const CHANNEL_TONE: Record<string, Tone> = { green: 'good', yellow: 'warn', red: 'bad' };

function Declarations({ passage }: { passage: Passage }) {
  return (
    <section className="panel declarations" aria-labelledby="declarations-title">
      <h3 id="declarations-title" className="panel__title">
        Declarations on file <span className="count">{passage.declarations.length}</span>
      </h3>
      {passage.declarations.length === 0 ? (
        <p className="tone-warn">{passage.recommendation ? 'None found for this truck.' : 'Looking up declarations…'}</p>
      ) : (
        <ul className="declaration-list">
          {passage.declarations.map((d) => (
            <DeclarationItem key={d.id} declaration={d} reasons={reasonsFor(passage, d.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DeclarationItem({ declaration: d, reasons }: { declaration: DeclarationSummary; reasons: Reason[] }) {
  const channel = d.risk?.channel;
  return (
    <li className="declaration" data-testid="declaration">
      <div className="declaration__head">
        <span className="mono strong">{d.id.slice(0, 8)}</span>
        <span className="badge">{d.type}</span>
        <span className={`risk risk--${channel ? CHANNEL_TONE[channel] : 'neutral'}`} data-channel={channel ?? 'pending'}>
          {channel ? `${channel} · ${score(d.risk?.score ?? 0)}` : 'risk pending'}
          {d.risk?.selected && ' · selected'}
          {d.risk?.random && ' · random sample'}
        </span>
      </div>
      <p className="muted small">
        {d.itemCount} item{d.itemCount === 1 ? '' : 's'} · {d.status} · expected {when(d.expectedArrival)}
      </p>
      {reasons.map((r) => (
        <p key={r.code} className={`declaration__reason tone-${OUTCOME_TONE[r.outcome]}`}>
          {r.text.replace(/^Declaration \S+ \(\w+\): /, '')}
        </p>
      ))}
    </li>
  );
}

function Certificates({ findings }: { findings: CertificateFinding[] }) {
  return (
    <section className="panel" aria-labelledby="certificates-title">
      <h3 id="certificates-title" className="panel__title">Certificate checks</h3>
      <ul className="reason-list">
        {findings.map((f) => (
          <ReasonItem key={f.code} reason={f} />
        ))}
      </ul>
    </section>
  );
}

const FLAG_TITLES: Record<string, string> = {
  PLATE_MISMATCH: 'Plate contradicts transponder',
  FACE_MISMATCH: 'Low face match',
  DRIVER_NOT_REGISTERED: 'Driver not registered',
};

function flagTitle(code: string): string {
  return FLAG_TITLES[code] ?? code.toLowerCase().replace(/_/g, ' ');
}
