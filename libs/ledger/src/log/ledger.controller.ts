import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidValueError } from '@corridor/domain';
import { Auth } from '@corridor/platform';
import { parseHex } from '../hex';
import { LedgerService } from './ledger.service';

class SignedTreeHeadView {
  @ApiProperty({ example: 42 }) treeSize!: number;
  @ApiProperty({ description: 'Milliseconds since the Unix epoch' }) timestamp!: number;
  @ApiProperty({ description: 'RFC 9162 root hash, lowercase hex' }) rootHash!: string;
  @ApiProperty({ description: 'SHA-256 of the signer key (SPKI DER), hex' }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature over the RFC 9162 TreeHeadDataV2 encoding, hex' }) signature!: string;
}

class AppendEntryBody {
  @ApiPropertyOptional({ description: 'Any JSON value; it is canonicalised per RFC 8785 and its bytes appended', example: { declaration: 'd-1', sha256: 'ab12…' } })
  json?: unknown;
  @ApiPropertyOptional({ description: 'Raw entry bytes in hex (instead of json)', example: '00ff10' })
  hex?: string;
}

class AppendedEntryView {
  @ApiProperty() index!: number;
  @ApiProperty() leafHash!: string;
  @ApiProperty({ type: SignedTreeHeadView }) treeHead!: SignedTreeHeadView;
}

class InclusionProofView {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ type: [String], description: 'Sibling hashes from the leaf up (RFC 9162 §2.1.3)' }) inclusionPath!: string[];
  @ApiProperty() leafHash!: string;
  @ApiPropertyOptional({ type: SignedTreeHeadView, description: 'The signed head of this exact size, when one was signed' }) treeHead?: SignedTreeHeadView;
}

class ConsistencyProofView {
  @ApiProperty() firstSize!: number;
  @ApiProperty() secondSize!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.4 consistency path' }) consistencyPath!: string[];
  @ApiPropertyOptional({ type: SignedTreeHeadView }) firstTreeHead?: SignedTreeHeadView;
  @ApiPropertyOptional({ type: SignedTreeHeadView }) secondTreeHead?: SignedTreeHeadView;
}

class LedgerKeyView {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty({ description: 'Raw 32-byte Ed25519 public key, hex' }) publicKey!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() active!: boolean;
}

class LedgerEntryView {
  @ApiProperty() index!: number;
  @ApiProperty() mediaType!: string;
  @ApiProperty({ description: 'The entry bytes, hex' }) entry!: string;
  @ApiPropertyOptional({ description: 'The entry parsed, for JSON entries' }) json?: unknown;
  @ApiProperty() createdAt!: string;
}

/** A tree size or index from a query string: a non-negative safe integer, or a 400 naming the field. */
export function parseCount(value: unknown, field: string, required: boolean): number | undefined {
  if (value === undefined || value === '') {
    if (required) throw new InvalidValueError('LEDGER.MISSING_PARAMETER', field, `${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidValueError('LEDGER.INVALID_PARAMETER', field, `${field} must be a non-negative integer`);
  }
  return Number(value);
}

@ApiTags('ledger')
@ApiExtraModels(SignedTreeHeadView)
@Controller('api/ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Post('entries')
  @HttpCode(201)
  @Auth('admin', 'agency', 'engineer')
  @ApiOperation({ summary: 'Append an entry (JSON, canonicalised, or raw bytes in hex)' })
  @ApiBody({ type: AppendEntryBody })
  @ApiCreatedResponse({ type: AppendedEntryView })
  @ApiBadRequestResponse({ description: 'Neither json nor hex given, or the hex is malformed' })
  append(@Body() body: unknown) {
    const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    if ('hex' in input && input.hex !== undefined) {
      const parsed = parseHex(input.hex);
      if (!parsed.ok) throw new InvalidValueError('LEDGER.INVALID_HEX', 'hex', parsed.reason);
      if (parsed.bytes.length > 512 * 1024) throw new InvalidValueError('LEDGER.ENTRY_TOO_LARGE', 'hex', 'an entry may be at most 512 KiB');
      return this.ledger.appendBytes(parsed.bytes);
    }
    if (!('json' in input) || input.json === undefined) throw new InvalidValueError('LEDGER.MISSING_ENTRY', 'json', 'give the entry as "json" (any JSON value) or "hex" (bytes)');
    return this.ledger.appendJson(input.json);
  }

  @Get('sth')
  @ApiOperation({ summary: 'The latest signed tree head' })
  @ApiOkResponse({ type: SignedTreeHeadView })
  sth() {
    return this.ledger.latestTreeHead();
  }

  @Get('keys')
  @ApiOperation({ summary: 'Key ids and public keys that sign tree heads' })
  @ApiOkResponse({ type: [LedgerKeyView] })
  keys() {
    return this.ledger.keys();
  }

  @Get('entries/:index')
  @ApiOperation({ summary: 'One entry by index' })
  @ApiOkResponse({ type: LedgerEntryView })
  entry(@Param('index') index: string) {
    return this.ledger.entry(parseCount(index, 'index', true) as number);
  }

  @Get('proof/inclusion')
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of the entry at index in the tree of the given size (default: latest)' })
  @ApiQuery({ name: 'index', type: Number })
  @ApiQuery({ name: 'size', type: Number, required: false })
  @ApiOkResponse({ type: InclusionProofView })
  inclusion(@Query('index') index: unknown, @Query('size') size: unknown) {
    return this.ledger.inclusionProof(parseCount(index, 'index', true) as number, parseCount(size, 'size', false));
  }

  @Get('proof/consistency')
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two tree sizes' })
  @ApiQuery({ name: 'from', type: Number })
  @ApiQuery({ name: 'to', type: Number })
  @ApiOkResponse({ type: ConsistencyProofView })
  consistency(@Query('from') from: unknown, @Query('to') to: unknown) {
    return this.ledger.consistencyProof(parseCount(from, 'from', true) as number, parseCount(to, 'to', true) as number);
  }
}
