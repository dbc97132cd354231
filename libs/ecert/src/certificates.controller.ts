import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth, CurrentPrincipal, type Principal } from '@corridor/platform';
import { CheckDeclarationCertificates } from './check-declaration-certificates/check-declaration-certificates.query';
import { DiscloseCertificate } from './disclose-certificate/disclose-certificate.query';
import { isRecord } from './document/envelope';
import { canonicalJson } from './document/canonical-json';
import { BatchVerdictDto, CertificateDto, DeclarationChecksDto, DisclosureDto, IssueCertificateDto, RevokeCertificateDto, UsageDto, VerdictDto, VerifyDto } from './ecert.dto';
import { GetCertificateUsage } from './get-certificate/get-certificate-usage.query';
import { GetCertificate } from './get-certificate/get-certificate.query';
import { CERTIFICATE_ID_HINT, CERTIFICATE_ID_PATTERN } from './issue-certificate/certificate-request';
import { IssueCertificate, SubmitSignedCertificate } from './issue-certificate/issue-certificate.command';
import { InputReader } from './model/input-reader';
import { RevokeCertificate } from './revoke-certificate/revoke-certificate.command';
import { VerifyCertificates } from './verify-certificate/verify-certificates.query';

const MAX_BATCH = 1000;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidValueError('DECLARATION.INVALID_ID', 'declarationId', 'declarationId: must be a UUID') });

function certificateId(id: string): string {
  if (!CERTIFICATE_ID_PATTERN.test(id)) throw new InvalidValueError('CERTIFICATE.INVALID_ID', 'id', `id: ${CERTIFICATE_ID_HINT}`);
  return id;
}

/** {document} or {documents: [...]}, nothing else. */
function verifyRequest(body: unknown): { single: unknown } | { batch: unknown[] } {
  const r = new InputReader();
  const b = r.object(body, 'body') ?? {};
  r.known(b, '', ['document', 'documents']);
  const hasOne = b['document'] !== undefined;
  const hasMany = b['documents'] !== undefined;
  if (hasOne && hasMany) r.fail('documents', 'give either document or documents, not both');
  else if (!hasOne && !hasMany) r.fail('document', 'is required (or documents: an array)');
  else if (hasOne && b['document'] === null) r.fail('document', 'is required');
  const batch = hasMany ? r.array(b['documents'], 'documents', { min: 1, max: MAX_BATCH }) : undefined;
  r.done('VERIFY.INVALID');
  return batch ? { batch } : { single: b['document'] };
}

@ApiTags('certificates')
@Controller('api/certificates')
export class CertificatesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify a document (public): integrity, signature, issuer, revocation and ledger, each VALID / INVALID / SKIPPED with a reason',
    description: 'Accepts a corridor-ecert/1 certificate or a wrapped OpenAttestation v2 / TradeTrust document (integrity only; the rest needs a chain and DNS). {documents: [...]} verifies a batch of up to 1,000 and answers {count, valid, results}.',
  })
  @ApiBody({ type: VerifyDto })
  @ApiExtraModels(VerdictDto, BatchVerdictDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(VerdictDto) }, { $ref: getSchemaPath(BatchVerdictDto) }] } })
  @ApiBadRequestResponse({ description: 'Neither document nor documents, or a batch over 1,000' })
  async verify(@Body() body: unknown) {
    const request = verifyRequest(body);
    if ('single' in request) return (await this.queries.execute(new VerifyCertificates([request.single])))[0];
    const results = await this.queries.execute(new VerifyCertificates(request.batch));
    return { count: results.length, valid: results.filter((r) => r.valid).length, results };
  }

  @Get('clearance/:declarationId')
  @Auth()
  @ApiOperation({ summary: 'The certificates a declaration relies on, each ok | over-use | mismatch | revoked | unknown | expired with a reason' })
  @ApiOkResponse({ type: DeclarationChecksDto })
  @ApiNotFoundResponse()
  clearance(@Param('declarationId', uuid) declarationId: string) {
    return this.queries.execute(new CheckDeclarationCertificates(declarationId));
  }

  @Post()
  @HttpCode(201)
  @Auth('agency', 'admin')
  @ApiOperation({
    summary: 'Issue a certificate: signed by the agency (with the key the server keeps) or submitted already signed ({document}); appended to the ledger',
    description: 'Body {type: e-coo | e-phyto | lpco, agencyId, data, id?} signs on the server; {document} registers a document the agency signed with its registered key. The answer carries the document with its proof bundle (signature, ledger inclusion proof and signed tree head).',
  })
  @ApiBody({ type: IssueCertificateDto })
  @ApiCreatedResponse({ type: CertificateDto })
  @ApiBadRequestResponse({ description: 'A field is invalid (e.g. data.goods[0].hsCode), the agency is unknown, or a submitted document does not verify' })
  @ApiConflictResponse({ description: 'The id is taken, or the agency has no usable key' })
  issue(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const submitted = isRecord(body) && body['document'] !== undefined;
    return this.commands.execute(submitted ? new SubmitSignedCertificate(body, principal) : new IssueCertificate(body, principal));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'A certificate, its signed document with proof bundle, and its status history' })
  @ApiOkResponse({ type: CertificateDto })
  @ApiNotFoundResponse()
  get(@Param('id') id: string) {
    return this.queries.execute(new GetCertificate(certificateId(id)));
  }

  @Get(':id/document')
  @Auth()
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'The signed document alone, as its RFC 8785 canonical bytes: what a holder presents' })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  async document(@Param('id') id: string): Promise<string> {
    return canonicalJson((await this.queries.execute(new GetCertificate(certificateId(id)))).document);
  }

  @Get(':id/usage')
  @Auth()
  @ApiOperation({ summary: 'Quantities drawn on each goods line by declarations (e-CoO), with over-use flagged' })
  @ApiOkResponse({ type: UsageDto })
  usage(@Param('id') id: string) {
    return this.queries.execute(new GetCertificateUsage(certificateId(id)));
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @Auth('agency', 'admin')
  @ApiOperation({ summary: 'Revoke (issuing agency or admin): verification reports it with the reason and time; notarised in the ledger' })
  @ApiBody({ type: RevokeCertificateDto })
  @ApiOkResponse({ type: CertificateDto })
  @ApiConflictResponse({ description: 'Already revoked' })
  revoke(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RevokeCertificate(certificateId(id), body, principal));
  }

  @Post(':id/disclosures')
  @HttpCode(200)
  @Auth()
  @ApiOperation({ summary: 'Selective disclosure: a copy with the given fields hidden; it still verifies (obfuscateDocument does the same offline)' })
  @ApiBody({ type: DisclosureDto })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  disclose(@Param('id') id: string, @Body() body: unknown) {
    return this.queries.execute(new DiscloseCertificate(certificateId(id), body));
  }
}
