import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '@corridor/ledger';
import { AmendDeclarationHandler } from './amend-declaration/amend-declaration.handler';
import { ChangeDeclarationStatusHandler, RecordRiskAssessmentHandler } from './change-status/change-status.handler';
import { DeclarationsController } from './declarations.controller';
import { FindDeclarationsHandler } from './find-declarations/find-declarations.handler';
import { GetDeclarationHandler } from './get-declaration/get-declaration.handler';
import { LodgeDeclarationHandler } from './lodge-declaration/lodge-declaration.handler';
import { Notary } from './notarise';
import { DECLARATION_ENTITIES } from './persistence/declaration.entities';
import { DeclarationRepository } from './persistence/declaration.repository';

/** Register DECLARATION_MIGRATIONS (after LEDGER_MIGRATIONS) with the host. */
@Module({
  imports: [TypeOrmModule.forFeature(DECLARATION_ENTITIES), LedgerModule],
  controllers: [DeclarationsController],
  providers: [
    DeclarationRepository,
    Notary,
    LodgeDeclarationHandler,
    AmendDeclarationHandler,
    ChangeDeclarationStatusHandler,
    RecordRiskAssessmentHandler,
    GetDeclarationHandler,
    FindDeclarationsHandler,
  ],
})
export class DeclarationsModule {}
