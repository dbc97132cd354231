// Public door of @corridor/lanes: the trusted-trader lanes context.

// Nest module, migrations, entities
export { LanesModule, type LanesModuleOptions } from './lanes.module';
export { LANES_MIGRATIONS } from './persistence/lanes.migrations';
export { LANES_ENTITIES } from './persistence/lanes.entities';

// Commands and queries
export { CreatePort } from './configure-lanes/create-port.command';
export { ListLanes, ListPorts } from './configure-lanes/list-lanes.query';
export { RecordDeviceEvent } from './record-device-event/record-device-event.command';
export { GetIngestStats, GetLaneStats } from './record-device-event/get-lane-stats.query';
export { RegisterCarrier, ChangeCarrierStatus } from './register-carrier/register-carrier.command';
export { FindCarriers, GetCarrier } from './find-carriers/find-carriers.query';
export { DecidePassage } from './decide-passage/decide-passage.command';
export { GetCurrentPassage, GetPassage, ListPassages } from './get-passage/get-passage.query';

// Events (for the KPI context and the console)
export * from './events';

// Seams other contexts plug into
export { TrustedStatusProvider } from './seams/trusted-status';
export { AeoRegistryTrustedStatus } from './seams/aeo-trusted-status';
export { CertificateCheck, type CertificateCheckInput } from './seams/certificate-check';
export { LaneDeviceGateway, TOPIC_FILTER } from './record-device-event/mqtt-device-gateway';

// The pure model: lanes, device reads, assembly, recommendation
export { DEFAULT_SETTINGS, DEVICE_KINDS, IDENTIFYING_KINDS, LANE_ID, LANE_STATUSES, LANE_TYPES, expectedKinds, parsePort } from './model/lane';
export type { DeviceKind, IdentifyingKind, Lane, LaneDevice, LaneSettings, LaneStatus, LaneType, NewPort, Port } from './model/lane';
export { demoPort } from './model/demo-port';
export { MAX_PAYLOAD_BYTES, TOPIC_ROOT, VOIP_STATES, decodePayload, parseDeviceRead, parseTopic, topicFor } from './model/device-read';
export type { CctvRead, DeviceRead, LprRead, RfidRead, VoipRead, VoipState } from './model/device-read';
export { PassageAssembler } from './model/assembler';
export type { AcceptResult, AssemblerSettings, PassageDraft, ReadSource, ReceivedRead } from './model/assembler';
export { RECOMMENDATIONS, recommend } from './model/recommend';
export type { CertificateFinding, Flag, Reason, Recommendation, RecommendationAction, RecommendationFacts } from './model/recommend';
export { PROGRAMMES, TRUST_STATUSES, parseCarrierRegistration } from './model/carrier';
export type { CarrierRegistration, Driver, Programme, TrustedCarrier, TrustStatus } from './model/carrier';
export { DECISIONS, PASSAGE_STATUSES } from './model/passage';
export type { CarrierSnapshot, DecisionAction, PassageDecision, PassageRead, PassageStatus, PassageTimings, PassageView } from './model/passage';
export type { CarrierView } from './register-carrier/carrier-view';
export type { GlobalIngestStats, LaneIngestStats } from './record-device-event/ingest-stats';
export type { IngestResult } from './assemble-passages/lane-engine';

// Seeded device streams for demos and load (npm run lanes -- simulate)
export { DEFAULT_FAULTS, NO_FAULTS, demoFleet, fleetRegistrations, generateTruckStream } from './simulate/truck-stream';
export type { FaultRates, FleetTruck, StreamMessage, StreamTruck, TruckStreamOptions } from './simulate/truck-stream';
