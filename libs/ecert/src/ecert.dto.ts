// OpenAPI shapes only: requests are validated by the handlers (InputReader and the certificate
// validators), so these classes document the contract and carry no validation of their own.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AEO_PROGRAMMES, AEO_STATUSES } from './model/aeo';
import { CLEARANCE_STATUSES } from './model/clearance';
import { CERTIFICATE_TYPES } from './document/types';

const CHECK_STATUSES = ['VALID', 'INVALID', 'SKIPPED'];

export class RegisterAgencyDto {
  @ApiProperty({ example: 'Kenya Plant Health Inspectorate Service' }) name!: string;
  @ApiProperty({ example: 'KE', description: 'ISO 3166-1 alpha-2' }) country!: string;
  @ApiPropertyOptional({ example: 'KE-KEPHIS', description: 'Agency code; generated (COUNTRY-XXXXXXXX) when absent' }) id?: string;
  @ApiPropertyOptional({ description: 'base64 of the raw 32-byte Ed25519 public key when the agency keeps its private key; absent: the server generates and keeps one (embedded demo)' }) publicKey?: string;
  @ApiPropertyOptional({ type: [String], description: 'Principal ids (token subjects) that act for the agency; empty: any principal with the agency role' }) principals?: string[];
}

export class RotateKeyDto {
  @ApiPropertyOptional({ description: 'The new public key (base64 raw Ed25519); absent: the server generates and keeps one' }) publicKey?: string;
}

export class RevokeKeyDto {
  @ApiPropertyOptional({ example: 'private key exposed in a backup' }) reason?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: 'Compromised since (default now): certificates claiming to be issued with the key from then on no longer verify' }) at?: string;
}

export class AgencyKeyDto {
  @ApiProperty({ example: '2a1da09308833602', description: 'First 16 hex digits of SHA-256(raw public key)' }) keyId!: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm!: string;
  @ApiProperty({ description: 'base64 of the raw 32-byte public key' }) publicKey!: string;
  @ApiProperty() validFrom!: string;
  @ApiPropertyOptional() validTo?: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() revocationReason?: string;
  @ApiProperty({ enum: ['server', 'client'] }) custody!: string;
  @ApiProperty() active!: boolean;
}

export class AgencyDto {
  @ApiProperty({ example: 'KE-KEPHIS' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'KE' }) country!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ description: 'The active key, base64' }) publicKey?: string;
  @ApiPropertyOptional() keyId?: string;
  @ApiProperty({ type: [AgencyKeyDto] }) keys!: AgencyKeyDto[];
}

export class IssueCertificateDto {
  @ApiPropertyOptional({ enum: CERTIFICATE_TYPES, description: 'Server-side signing: the certificate type' }) type?: string;
  @ApiPropertyOptional({ example: 'KE-KEPHIS', description: 'Server-side signing: the issuing agency (its key is kept by the server)' }) agencyId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Server-side signing: the certificate data (see tools/examples/e-coo.json)' }) data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Server-side signing: an id of your own (default ECERT-CC-YYYY-XXXXXXXXXX)' }) id?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Client-side signing: a full corridor-ecert/1 document signed with the agency\'s registered key (instead of type, agencyId and data)' }) document?: Record<string, unknown>;
}

export class StatusChangeDto {
  @ApiProperty({ enum: ['issued', 'revoked'] }) status!: string;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ description: 'Ledger index of the notarised change' }) ledgerIndex?: number;
}

export class CertificateDto {
  @ApiProperty({ example: 'ECERT-KE-2026-3F9A1C02B7' }) id!: string;
  @ApiProperty({ enum: CERTIFICATE_TYPES }) type!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ enum: ['valid', 'revoked'] }) status!: string;
  @ApiProperty({ enum: ['server', 'client'] }) custody!: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() revocationReason?: string;
  @ApiProperty({ type: 'object', properties: { index: { type: 'number' }, treeSize: { type: 'number' } } }) ledger!: { index: number; treeSize: number };
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The signed corridor-ecert/1 document (RFC 8785 canonical JSON) with its proof bundle: proof (Ed25519 signature) and ledger {entry, leafIndex, treeSize, inclusionPath, treeHead}',
  })
  document!: Record<string, unknown>;
  @ApiPropertyOptional({ type: [StatusChangeDto] }) history?: StatusChangeDto[];
}

export class VerifyDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'One document: a corridor-ecert/1 certificate or a wrapped OpenAttestation v2 / TradeTrust document' }) document?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'A batch of up to 1,000 documents (verified on worker threads when large)' }) documents?: Record<string, unknown>[];
}

export class CheckResultDto {
  @ApiProperty({ enum: CHECK_STATUSES }) status!: string;
  @ApiProperty() reason!: string;
}

export class ChecksDto {
  @ApiProperty({ type: CheckResultDto, description: 'The content reproduces the signed digest' }) integrity!: CheckResultDto;
  @ApiProperty({ type: CheckResultDto, description: 'Ed25519 signature by the issuer key' }) signature!: CheckResultDto;
  @ApiProperty({ type: CheckResultDto, description: 'The key is the agency\'s and was valid at issuedAt' }) issuer!: CheckResultDto;
  @ApiProperty({ type: CheckResultDto, description: 'Not revoked (SKIPPED when the certificate is not registered here)' }) revocation!: CheckResultDto;
  @ApiProperty({ type: CheckResultDto, description: 'Inclusion proof against a signed tree head of a published ledger key' }) ledger!: CheckResultDto;
}

export class VerdictDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ enum: ['corridor-ecert/1', 'openattestation-v2'] }) format!: string;
  @ApiProperty({ type: ChecksDto }) checks!: ChecksDto;
  @ApiPropertyOptional() id?: string;
  @ApiPropertyOptional() type?: string;
  @ApiPropertyOptional({ type: 'object', properties: { agencyId: { type: 'string' }, keyId: { type: 'string' } } }) issuer?: { agencyId: string; keyId: string };
  @ApiPropertyOptional() issuedAt?: string;
  @ApiPropertyOptional() disclosedLeaves?: number;
  @ApiPropertyOptional() hiddenLeaves?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) openAttestation?: Record<string, unknown>;
}

export class BatchVerdictDto {
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'How many documents are valid' }) valid!: number;
  @ApiProperty({ type: [VerdictDto] }) results!: VerdictDto[];
}

export class RevokeCertificateDto {
  @ApiProperty({ example: 'issued in error: wrong consignee' }) reason!: string;
}

export class DisclosureDto {
  @ApiProperty({ type: [String], example: ['importer.address', 'goods[1].quantity'], description: 'Field paths to hide (also "/importer/address" or "goods.1.quantity")' }) hide!: string[];
}

export class CertificateCheckDto {
  @ApiProperty() certificateId!: string;
  @ApiProperty() itemIndex!: number;
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ enum: CERTIFICATE_TYPES }) type?: string;
  @ApiPropertyOptional() goodsIndex?: number;
  @ApiPropertyOptional() drawn?: number;
  @ApiPropertyOptional() drawnTotal?: number;
  @ApiPropertyOptional() certified?: number;
  @ApiPropertyOptional() unit?: string;
}

export class DeclarationChecksDto {
  @ApiProperty() declarationId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() checkedAt!: string;
  @ApiProperty({ type: [CertificateCheckDto] }) checks!: CertificateCheckDto[];
}

export class UsageLineDto {
  @ApiProperty() goodsIndex!: number;
  @ApiPropertyOptional() hsCode?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: 'object', properties: { value: { type: 'number' }, unit: { type: 'string' } } }) certified?: { value: number; unit: string };
  @ApiProperty() drawn!: number;
  @ApiPropertyOptional() remaining?: number;
  @ApiProperty() overUse!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) draws!: Record<string, unknown>[];
}

export class UsageDto {
  @ApiProperty() certificateId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() status!: string;
  @ApiProperty() overUse!: boolean;
  @ApiProperty({ type: [UsageLineDto] }) lines!: UsageLineDto[];
}

export class RegisterAeoOperatorDto {
  @ApiProperty({ example: 'NL', description: 'The administration granting the authorisation (ISO 3166-1 alpha-2)' }) administration!: string;
  @ApiProperty({ example: 'NL123456789', description: 'EORI-style id: country code + 1-15 letters/digits' }) operatorId!: string;
  @ApiProperty({ example: 'Rotterdam Roasters B.V.' }) name!: string;
  @ApiPropertyOptional({ enum: AEO_STATUSES, default: 'granted' }) status?: string;
  @ApiPropertyOptional({ enum: AEO_PROGRAMMES, default: 'AEO' }) programme?: string;
  @ApiPropertyOptional({ description: 'When the status took effect (default now)' }) since?: string;
  @ApiPropertyOptional() reason?: string;
}

export class AeoStatusChangeDto {
  @ApiProperty({ enum: AEO_STATUSES }) status!: string;
  @ApiPropertyOptional({ description: 'Why (shown to MRA partners); expected for suspended and revoked' }) reason?: string;
  @ApiPropertyOptional({ enum: AEO_PROGRAMMES, description: 'When the id is an operator id holding several authorisations' }) programme?: string;
  @ApiPropertyOptional({ description: 'When the id is an operator id holding several authorisations' }) administration?: string;
}

export class AeoOperatorDto {
  @ApiProperty() id!: string;
  @ApiProperty() administration!: string;
  @ApiProperty() operatorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AEO_PROGRAMMES }) programme!: string;
  @ApiProperty({ enum: AEO_STATUSES }) status!: string;
  @ApiProperty() since!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }) history?: Record<string, unknown>[];
}

export class AeoStatusAnswerDto {
  @ApiProperty() operatorId!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() asSeenBy?: string;
  @ApiProperty() aeo!: boolean;
  @ApiProperty({ enum: [...AEO_STATUSES, 'unknown'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) since!: string | null;
  @ApiProperty({ nullable: true, enum: AEO_PROGRAMMES }) programme!: string | null;
  @ApiProperty({ nullable: true, type: String }) administration!: string | null;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() reason?: string;
}

export class ArrangementDto {
  @ApiProperty({ type: [String], example: ['CA', 'US'] }) administrations!: string[];
  @ApiPropertyOptional({ example: 'CA-US AEO MRA' }) name?: string;
}

export class ArrangementViewDto extends ArrangementDto {
  @ApiProperty() id!: string;
  @ApiProperty() createdAt!: string;
}
