import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerController } from './ledger.controller';
import { LEDGER_ENTITIES } from './ledger.entities';
import { LedgerService } from './ledger.service';

/** The transparency log as a Nest module; register LEDGER_MIGRATIONS with the host. */
@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
  controllers: [LedgerController],
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
