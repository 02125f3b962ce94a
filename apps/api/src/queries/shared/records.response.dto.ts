import type { AwardView, ModelView, PhaseView, UnitView } from '#read-models';
import { ApiProperty } from '@nestjs/swagger';

// OpenAPI classes of the record endpoints; they implement the #read-models views.

export class UnitResponseDto implements UnitView {
  @ApiProperty({ example: 'tuyen-quang' })
  id!: string;

  @ApiProperty({ example: 'Tuyên Quang' })
  name!: string;

  @ApiProperty({ example: 'province' })
  kind!: string;

  @ApiProperty({ type: String, nullable: true, example: 'qk2', description: 'Parent in the current tree' })
  parentId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The unit this one merged into' })
  mergedInto!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: null })
  mergedOn!: string | null;

  @ApiProperty({ type: [String], example: ['lam-binh', 'na-hang'], description: 'Current direct children, by id' })
  children!: string[];
}

export class PhaseResponseDto implements PhaseView {
  @ApiProperty({ example: '2021-2025' })
  phaseId!: string;

  @ApiProperty({ example: 'Giai đoạn 2021-2025' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2021-01-01' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2025-12-31' })
  endsOn!: string;
}

export class PhaseListResponseDto {
  @ApiProperty({ type: () => [PhaseResponseDto], description: 'By start date, then id' })
  items!: PhaseResponseDto[];
}

const nullableText = (example: string | null = null) => ({ type: String, nullable: true, example });
const nullableDate = () => ({ type: String, nullable: true, format: 'date', example: null });

export class ModelResponseDto implements ModelView {
  @ApiProperty({ example: 'mo-hinh-dan-van-kheo-lam-binh' })
  modelId!: string;

  @ApiProperty({ example: 'lam-binh' })
  unitId!: string;

  @ApiProperty({ example: 'Dân vận khéo trong xây dựng nông thôn mới' })
  title!: string;

  @ApiProperty({ example: 'new_rural' })
  field!: string;

  @ApiProperty({ enum: ['collective', 'individual'] })
  holderKind!: string;

  @ApiProperty({ example: 'Hội Phụ nữ xã Lăng Can' })
  holderName!: string;

  @ApiProperty({ format: 'date', example: '2024-03-15' })
  registeredOn!: string;

  @ApiProperty({ enum: ['registered', 'recognized', 'exemplary', 'withdrawn'] })
  status!: string;

  @ApiProperty(nullableDate())
  recognizedOn!: string | null;

  @ApiProperty(nullableText())
  recognizedBy!: string | null;

  @ApiProperty(nullableText())
  recognitionDecision!: string | null;

  @ApiProperty(nullableDate())
  exemplaryOn!: string | null;

  @ApiProperty(nullableText())
  exemplaryBy!: string | null;

  @ApiProperty(nullableText())
  exemplaryDecision!: string | null;

  @ApiProperty(nullableDate())
  withdrawnOn!: string | null;

  @ApiProperty(nullableText())
  withdrawalReason!: string | null;

  @ApiProperty({ example: '1042', description: 'Log position of the last event applied (decimal string)' })
  position!: string;
}

export class ModelPageResponseDto {
  @ApiProperty({ type: () => [ModelResponseDto], description: 'By modelId' })
  items!: ModelResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class AwardResponseDto implements AwardView {
  @ApiProperty({ example: 'bk-2024-0012' })
  awardId!: string;

  @ApiProperty({ enum: ['collective', 'individual'] })
  recipientKind!: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  recipientName!: string;

  @ApiProperty({ example: 'lam-binh' })
  recipientUnitId!: string;

  @ApiProperty({ example: 'bang_khen' })
  form!: string;

  @ApiProperty({ example: 'tuyen-quang' })
  issuerUnitId!: string;

  @ApiProperty({ example: '1290/QĐ-UBND' })
  decisionNo!: string;

  @ApiProperty({ format: 'date', example: '2024-06-30' })
  decidedOn!: string;

  @ApiProperty({ example: 'dan_van_kheo' })
  movement!: string;

  @ApiProperty(nullableText())
  modelId!: string | null;

  @ApiProperty({ example: 'economy', description: "The model's field, or `unclassified`" })
  field!: string;

  @ApiProperty({ enum: ['granted', 'revoked'] })
  status!: string;

  @ApiProperty(nullableDate())
  revokedOn!: string | null;

  @ApiProperty(nullableText())
  revocationDecisionNo!: string | null;

  @ApiProperty(nullableText())
  revocationReason!: string | null;

  @ApiProperty({ example: '2077', description: 'Log position of the last event applied (decimal string)' })
  position!: string;
}

export class AwardPageResponseDto {
  @ApiProperty({ type: () => [AwardResponseDto], description: 'By awardId' })
  items!: AwardResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
