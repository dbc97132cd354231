import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { AeoStatusChanged } from '../events';
import { AeoFeed } from './aeo-feed';

/** Partners see each change as it happens: the event wakes every open feed. */
@EventsHandler(AeoStatusChanged)
export class AeoStatusChangedHandler implements IEventHandler<AeoStatusChanged> {
  constructor(private readonly feed: AeoFeed) {}

  handle(): void {
    this.feed.notify();
  }
}
