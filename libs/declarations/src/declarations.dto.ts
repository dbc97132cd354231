// OpenAPI shapes only: the request is validated by parseDeclaration (domain value objects), so
// these classes document the contract and carry no validation of their own.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECLARATION_TYPES, INCOTERMS, TRANSPORT_MODES, UNITS } from './model/declaration';
import { DECLARATION_STATUSES } from './model/status';

export class AddressDto {
  @ApiPropertyOptional({ example: '2800 W Fort St' }) street?: string;
  @ApiProperty({ example: 'Detroit' }) city!: string;
  @ApiPropertyOptional({ example: '48216' }) postcode?: string;
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' }) country!: string;
}

export class PartyDto {
  @ApiProperty({ example: 'US1234567890', description: 'EORI-style id: country code + 1-15 letters/digits' }) id!: string;
  @ApiProperty({ example: 'Great Lakes Produce Inc' }) name!: string;
  @ApiProperty({ type: AddressDto }) address!: AddressDto;
  @ApiPropertyOptional({ example: '+1 313 555 0100' }) phone?: string;
}

export class ConveyancePlateDto {
  @ApiProperty({ example: 'CA-ON', description: 'ISO 3166-1 country or ISO 3166-2 subdivision' }) jurisdiction!: string;
  @ApiProperty({ example: 'AB12345' }) number!: string;
}

export class ConveyanceDto {
  @ApiProperty({ enum: TRANSPORT_MODES }) mode!: string;
  @ApiPropertyOptional({ type: ConveyancePlateDto, description: 'Required for road' }) plate?: ConveyancePlateDto;
  @ApiPropertyOptional({ example: '3034257BF7194E4000001A85', description: 'RFID EPC, 96-bit hex' }) transponder?: string;
  @ApiPropertyOptional({ example: 'CA987654321' }) carrierId?: string;
}

export class MoneyDto {
  @ApiProperty({ example: '18250.00', description: 'Decimal string, never a float' }) amount!: string;
  @ApiProperty({ example: 'USD', description: 'ISO 4217' }) currency!: string;
}

export class GoodsItemDto {
  @ApiProperty({ example: '08045010', description: '6-10 digits, chapter 01-97' }) hsCode!: string;
  @ApiProperty({ example: 'Fresh mangoes' }) description!: string;
  @ApiProperty({ example: 'MX' }) origin!: string;
  @ApiProperty({ example: 1200 }) quantity!: number;
  @ApiProperty({ enum: UNITS }) unit!: string;
  @ApiProperty({ example: 19000 }) grossMassKg!: number;
  @ApiProperty({ example: 18000 }) netMassKg!: number;
  @ApiProperty({ type: MoneyDto }) value!: MoneyDto;
  @ApiPropertyOptional({ type: [String] }) certificateIds?: string[];
}

export class LodgeDeclarationDto {
  @ApiProperty({ enum: DECLARATION_TYPES, description: 'IM import, EX export, TR transit' }) type!: string;
  @ApiProperty({ type: PartyDto }) declarant!: PartyDto;
  @ApiPropertyOptional({ type: PartyDto, description: 'Required for IM' }) importer?: PartyDto;
  @ApiPropertyOptional({ type: PartyDto, description: 'Required for EX' }) exporter?: PartyDto;
  @ApiProperty({ example: 'USDET', description: 'UN/LOCODE' }) officeOfEntry!: string;
  @ApiProperty({ example: '2026-11-25T14:30:00Z' }) expectedArrival!: string;
  @ApiPropertyOptional({ enum: INCOTERMS }) incoterm?: string;
  @ApiProperty({ type: ConveyanceDto }) conveyance!: ConveyanceDto;
  @ApiPropertyOptional({ type: [String], example: ['CSQU3054383'], description: 'ISO 6346' }) containers?: string[];
  @ApiProperty({ type: [GoodsItemDto], description: '1 to 999 items' }) items!: GoodsItemDto[];
  @ApiPropertyOptional({ description: 'invoice, packingList, billOfLading as structured data; cross-checked into discrepancies', type: 'object', additionalProperties: true })
  documents?: Record<string, unknown>;
}

export class AmendDeclarationDto {
  @ApiProperty({ example: 'corrected HS code of item 1' }) reason!: string;
  @ApiProperty({ type: LodgeDeclarationDto }) declaration!: LodgeDeclarationDto;
}

export class InspectionFindingDto {
  @ApiPropertyOptional() itemIndex?: number;
  @ApiProperty({ enum: ['misclassification', 'origin', 'undervaluation', 'overvaluation', 'missing-certificate', 'quantity', 'prohibited', 'other'] }) errorType!: string;
  @ApiPropertyOptional() note?: string;
}

export class InspectionDto {
  @ApiProperty({ enum: ['compliant', 'non-compliant'] }) result!: string;
  @ApiPropertyOptional({ type: [InspectionFindingDto] }) findings?: InspectionFindingDto[];
}

export class ChangeStatusDto {
  @ApiProperty({ enum: ['released', 'referred', 'inspected', 'cleared', 'cancelled'] }) status!: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ type: InspectionDto, description: 'Required with status "inspected"' }) inspection?: InspectionDto;
}

export class DiscrepancyDto {
  @ApiProperty({ example: 'items[0].hsCode' }) field!: string;
  @ApiProperty({ enum: ['invoice', 'packingList', 'billOfLading'] }) document!: string;
  @ApiProperty() declared!: string;
  @ApiProperty() documented!: string;
}

export class LedgerReceiptDto {
  @ApiProperty() index!: number;
  @ApiProperty() leafHash!: string;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'The JSON appended to the ledger', type: 'object', additionalProperties: true }) entry!: Record<string, unknown>;
}

export class DeclarationViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status!: string;
  @ApiProperty({ enum: DECLARATION_TYPES }) type!: string;
  @ApiProperty() lodgedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() versionCreatedAt!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'SHA-256 of the RFC 8785 canonical declaration' }) hash!: string;
  @ApiProperty({ type: LedgerReceiptDto }) ledger!: LedgerReceiptDto;
  @ApiProperty({ type: [DiscrepancyDto] }) discrepancies!: DiscrepancyDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Latest risk assessment: score, channel, selected, random, reasons' }) risk?: Record<string, unknown>;
  @ApiProperty({ enum: DECLARATION_STATUSES, isArray: true }) allowedTransitions!: string[];
  @ApiProperty({ type: LodgeDeclarationDto }) declaration!: LodgeDeclarationDto;
  @ApiPropertyOptional({ description: 'true when an Idempotency-Key replay returned the first response' }) replayed?: boolean;
}

export class DeclarationSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status!: string;
  @ApiProperty({ enum: DECLARATION_TYPES }) type!: string;
  @ApiProperty() declarantId!: string;
  @ApiPropertyOptional() importerId?: string;
  @ApiPropertyOptional() carrierId?: string;
  @ApiPropertyOptional({ example: 'CA-ON:AB12345' }) plate?: string;
  @ApiPropertyOptional() transponder?: string;
  @ApiProperty() officeOfEntry!: string;
  @ApiProperty() expectedArrival!: string;
  @ApiProperty() lodgedAt!: string;
  @ApiProperty() itemCount!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) risk?: Record<string, unknown>;
}

export class DeclarationPageDto {
  @ApiProperty({ type: [DeclarationSummaryDto] }) items!: DeclarationSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class DeclarationStatusChangeDto {
  @ApiProperty({ enum: DECLARATION_STATUSES }) status!: string;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}
