import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, JobQueue, NoBody, type Principal } from '@corridor/platform';
import { randomUUID } from 'node:crypto';
import { ModelRepository } from '../persistence/model.repository';
import { RiskModelVersionDto, RiskRetrainQueuedDto } from '../risk.dto';
import { RETRAIN_QUEUE, type RetrainJob } from '../risk.queues';
import { MODEL_ERROR_TYPES } from './risk-schema';

@ApiTags('risk models')
@Controller('api/risk/models')
export class ModelsController {
  constructor(private readonly models: ModelRepository, private readonly jobs: JobQueue) {}

  @Get()
  @Auth('engineer', 'manager')
  @ApiOperation({ summary: 'Every stored model version per error type, newest first' })
  @ApiQuery({ name: 'errorType', required: false, enum: MODEL_ERROR_TYPES })
  @ApiOkResponse({ type: [RiskModelVersionDto] })
  list(@Query('errorType') errorType?: string) {
    if (errorType !== undefined && !(MODEL_ERROR_TYPES as readonly string[]).includes(errorType)) throw new InvalidValueError('RISK.INVALID_FILTER', 'errorType', `must be one of ${MODEL_ERROR_TYPES.join(', ')}`);
    return this.models.list(errorType);
  }

  @Post('retrain')
  @HttpCode(202)
  @Auth('engineer')
  @ApiOperation({ summary: 'Queue a full retrain of every model from all stored inspection results' })
  @ApiAcceptedResponse({ type: RiskRetrainQueuedDto })
  async retrain(@CurrentPrincipal() principal: Principal, @NoBody() _body: undefined) {
    const job: RetrainJob = { trigger: 'manual', by: principal.id };
    const jobId = await this.jobs.add(RETRAIN_QUEUE, job, { jobId: `manual:${randomUUID()}`, attempts: 2, backoffMs: 5000 });
    return { jobId, queue: RETRAIN_QUEUE };
  }
}
