import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { AgencyDto, RegisterAgencyDto, RevokeKeyDto, RotateKeyDto } from './ecert.dto';
import { GetAgency, ListAgencies } from './get-agency/get-agency.query';
import { AGENCY_ID_PATTERN } from './model/agency';
import { RegisterAgency } from './register-agency/register-agency.command';
import { RevokeAgencyKey } from './revoke-agency-key/revoke-agency-key.command';
import { RotateAgencyKey } from './rotate-agency-key/rotate-agency-key.command';

function agencyId(id: string): string {
  if (!AGENCY_ID_PATTERN.test(id)) throw new InvalidValueError('AGENCY.INVALID_ID', 'id', 'id: must be 2 to 64 letters, digits, ".", "_" or "-"');
  return id;
}

@ApiTags('agencies')
@Controller('api/agencies')
export class AgenciesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(201)
  @Auth('admin')
  @ApiOperation({ summary: 'Register an issuing agency with its first Ed25519 key (given, or generated and kept by the server)' })
  @ApiBody({ type: RegisterAgencyDto })
  @ApiCreatedResponse({ type: AgencyDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `field` names it' })
  @ApiConflictResponse({ description: 'The agency id is taken' })
  register(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RegisterAgency(body, principal));
  }

  @Get()
  @ApiOperation({ summary: 'The key registry (public): every agency and every key it ever had, for offline verification' })
  @ApiOkResponse({ type: [AgencyDto] })
  list() {
    return this.queries.execute(new ListAgencies());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One agency with its keys and their validity periods (public)' })
  @ApiOkResponse({ type: AgencyDto })
  @ApiNotFoundResponse()
  get(@Param('id') id: string) {
    return this.queries.execute(new GetAgency(agencyId(id)));
  }

  @Post(':id/keys')
  @HttpCode(201)
  @Auth('admin', 'agency')
  @ApiOperation({ summary: 'Rotate: add a new key; every open key gets validTo = now' })
  @ApiBody({ type: RotateKeyDto, required: false })
  @ApiCreatedResponse({ type: AgencyDto })
  rotate(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RotateAgencyKey(agencyId(id), body, principal));
  }

  @Post(':id/keys/:keyId/revocation')
  @HttpCode(200)
  @Auth('admin', 'agency')
  @ApiOperation({ summary: 'Revoke a compromised key from now (or from `at`): certificates claiming a later issuedAt fail verification' })
  @ApiBody({ type: RevokeKeyDto })
  @ApiOkResponse({ type: AgencyDto })
  @ApiConflictResponse({ description: 'Already revoked' })
  revokeKey(@Param('id') id: string, @Param('keyId') keyId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    if (!/^[0-9a-f]{16}$/.test(keyId)) throw new InvalidValueError('AGENCY.INVALID_KEY_ID', 'keyId', 'keyId: must be 16 lowercase hex digits');
    return this.commands.execute(new RevokeAgencyKey(agencyId(id), keyId, body, principal));
  }
}
