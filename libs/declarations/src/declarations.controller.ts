import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { AmendDeclaration } from './amend-declaration/amend-declaration.command';
import { ChangeDeclarationStatus } from './change-status/change-status.command';
import { AmendDeclarationDto, ChangeStatusDto, DeclarationPageDto, DeclarationViewDto, LodgeDeclarationDto, DeclarationStatusChangeDto } from './declarations.dto';
import { FindDeclarations } from './find-declarations/find-declarations.query';
import { parseFilter } from './find-declarations/parse-filter';
import { GetDeclaration } from './get-declaration/get-declaration.query';
import { LodgeDeclaration } from './lodge-declaration/lodge-declaration.command';
import { DeclarationRepository } from './persistence/declaration.repository';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidValueError('DECLARATION.INVALID_ID', 'id', 'must be a UUID') });

@ApiTags('declarations')
@Controller('api/declarations')
export class DeclarationsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly declarations: DeclarationRepository) {}

  @Post()
  @HttpCode(201)
  @Auth('trader', 'broker')
  @ApiOperation({ summary: 'Lodge a declaration: validated, stored as version 1, notarised in the ledger, queued for risk' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A replay returns the first response; the same key with another body is a 422' })
  @ApiBody({ type: LodgeDeclarationDto })
  @ApiCreatedResponse({ type: DeclarationViewDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `field` names its path, e.g. items[0].hsCode' })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with a different body' })
  lodge(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') idempotencyKey?: string) {
    return this.commands.execute(new LodgeDeclaration(body, principal, idempotencyKey));
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Find declarations by plate (JUR:NUMBER), transponder, carrier, status and expected-arrival window' })
  @ApiQuery({ name: 'plate', required: false, example: 'CA-ON:AB12345' })
  @ApiQuery({ name: 'transponder', required: false })
  @ApiQuery({ name: 'carrierId', required: false })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'expected arrival from (ISO 8601)' })
  @ApiQuery({ name: 'to', required: false, description: 'expected arrival to (ISO 8601)' })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiOkResponse({ type: DeclarationPageDto })
  find(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new FindDeclarations(parseFilter(query)));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'The latest version' })
  @ApiOkResponse({ type: DeclarationViewDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuid) id: string) {
    return this.queries.execute(new GetDeclaration(id));
  }

  @Get(':id/versions/:n')
  @Auth()
  @ApiOperation({ summary: 'One version, exactly as lodged' })
  @ApiOkResponse({ type: DeclarationViewDto })
  @ApiNotFoundResponse()
  version(@Param('id', uuid) id: string, @Param('n') n: string) {
    if (!/^\d{1,4}$/.test(n) || Number(n) < 1) throw new InvalidValueError('DECLARATION.INVALID_VERSION', 'n', 'must be a version number from 1');
    return this.queries.execute(new GetDeclaration(id, Number(n)));
  }

  @Get(':id/history')
  @Auth()
  @ApiOperation({ summary: 'Every status change with who, when and why' })
  @ApiOkResponse({ type: [DeclarationStatusChangeDto] })
  history(@Param('id', uuid) id: string) {
    return this.declarations.history(id);
  }

  @Post(':id/amendments')
  @HttpCode(201)
  @Auth('trader', 'broker')
  @ApiOperation({ summary: 'Amend: adds version n+1; earlier versions stay readable unchanged' })
  @ApiBody({ type: AmendDeclarationDto })
  @ApiCreatedResponse({ type: DeclarationViewDto })
  @ApiConflictResponse({ description: 'The declaration can no longer be amended' })
  amend(@Param('id', uuid) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new AmendDeclaration(id, body, principal));
  }

  @Post(':id/status')
  @HttpCode(200)
  @Auth('officer', 'trader', 'broker')
  @ApiOperation({ summary: 'Release, refer, record an inspection, clear (officer) or cancel (declarant or officer)' })
  @ApiBody({ type: ChangeStatusDto })
  @ApiOkResponse({ type: DeclarationViewDto })
  @ApiConflictResponse({ description: 'Illegal transition, e.g. releasing a cleared declaration' })
  changeStatus(@Param('id', uuid) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new ChangeDeclarationStatus(id, body, principal));
  }
}
