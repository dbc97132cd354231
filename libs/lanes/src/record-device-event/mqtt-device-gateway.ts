import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@corridor/domain';
import { CorridorConfig } from '@corridor/platform';
import { connect, type MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import { LaneDirectory } from '../configure-lanes/lane-directory';
import { decodePayload, parseTopic, TOPIC_ROOT } from '../model/device-read';
import { IngestStats } from './ingest-stats';
import { RecordDeviceEvent } from './record-device-event.command';

/** Everything under the root, so a wrong topic shape is seen and counted rather than ignored. */
export const TOPIC_FILTER = `${TOPIC_ROOT}/#`;
/** At most one log line per lane and reason this often; the rest are counted. */
const LOG_EVERY_MS = 10_000;

/**
 * Device events over MQTT (when MQTT_URL is set): `corridor/lanes/{laneId}/{rfid|lpr|cctv|voip}`.
 * Every message is handled inside a try/catch and each failure is counted and logged (rate
 * limited) with its reason: a broken device or a hostile publisher must never stop a lane.
 */
@Injectable()
export class LaneDeviceGateway {
  private readonly logger = new Logger('LaneDevices');
  private client?: MqttClient;
  private readonly logged = new Map<string, { at: number; suppressed: number }>();
  private subscribedOnce?: () => void;
  private readonly subscribed = new Promise<void>((resolve) => {
    this.subscribedOnce = resolve;
  });

  constructor(private readonly config: CorridorConfig, private readonly commands: CommandBus, private readonly directory: LaneDirectory, private readonly stats: IngestStats) {}

  get enabled(): boolean {
    return Boolean(this.config.mqttUrl);
  }

  /** Connects in the background: a broker that is down delays device events, not start-up. */
  start(): void {
    this.stats.mqtt({ configured: this.enabled, connected: false });
    if (!this.config.mqttUrl) return;
    const client = connect(this.config.mqttUrl, { clientId: `corridor-lanes-${randomUUID().slice(0, 8)}`, clean: true, reconnectPeriod: 1_000, connectTimeout: 5_000 });
    this.client = client;
    client.on('connect', () => {
      this.stats.mqtt({ configured: true, connected: true });
      client.subscribe(TOPIC_FILTER, { qos: 1 }, (error) => {
        if (error) this.rateLimited('subscribe', `could not subscribe to ${TOPIC_FILTER}: ${error.message}`);
        else {
          this.logger.log(`subscribed to ${TOPIC_FILTER}`);
          this.subscribedOnce?.();
        }
      });
    });
    client.on('close', () => this.stats.mqtt({ configured: true, connected: false }));
    client.on('error', (error) => this.rateLimited('connection', `MQTT: ${error.message}`));
    client.on('message', (topic, payload) => {
      void this.receive(topic, payload).catch((error) => this.rateLimited('internal', `device event failed: ${error instanceof Error ? error.message : String(error)}`));
    });
  }

  /** Resolves once the subscription is in place (tests and benchmarks wait for it). */
  whenSubscribed(timeoutMs = 10_000): Promise<void> {
    if (!this.enabled) return Promise.reject(new Error('MQTT_URL is not set'));
    return Promise.race([
      this.subscribed,
      new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`not subscribed to MQTT after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true).catch(() => undefined);
  }

  /** One MQTT message, whatever it holds. Public so tests can push raw bytes through it. */
  async receive(topic: string, payload: Uint8Array): Promise<void> {
    this.stats.mqttMessage();
    const route = parseTopic(topic);
    if ('problem' in route) {
      this.stats.unroutable(route.problem);
      this.rateLimited(route.problem, `ignored a message on ${topic.slice(0, 120)}: ${route.problem}`);
      return;
    }
    const decoded = decodePayload(payload);
    if ('problem' in decoded) {
      if (!(await this.directory.get(route.laneId))) {
        this.stats.unroutable('unknown-lane', route.laneId);
        this.rateLimited(`unknown-lane:${route.laneId}`, `ignored a message for unknown lane ${route.laneId}`);
        return;
      }
      this.stats.rejected(route.laneId, decoded.problem);
      this.rateLimited(`${route.laneId}:${decoded.problem}`, `rejected a ${route.device} message on lane ${route.laneId}: ${decoded.problem}`);
      return;
    }
    try {
      await this.commands.execute(new RecordDeviceEvent(route.laneId, route.device, decoded.json, 'mqtt'));
    } catch (error) {
      // Counted by the lane already (LaneEngine); here it is only logged, with the field at fault.
      if (!(error instanceof DomainError)) throw error;
      const key = `${route.laneId}:${error.code}:${error.field ?? ''}`;
      this.rateLimited(key, `rejected a ${route.device} message on lane ${route.laneId}: ${error.message}`);
    }
  }

  private rateLimited(key: string, message: string): void {
    const now = Date.now();
    const last = this.logged.get(key);
    if (last && now - last.at < LOG_EVERY_MS) {
      last.suppressed++;
      return;
    }
    if (this.logged.size > 1_000) this.logged.clear();
    this.logged.set(key, { at: now, suppressed: 0 });
    this.logger.warn(last?.suppressed ? `${message} (and ${last.suppressed} similar since the last report)` : message);
  }
}
