import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '#domain';

/**
 * A realistic, reproducible history for benchmarks and tests at scale: a unit tree
 * (central → provinces → communes), two overlapping phases, then a mix of models,
 * recognitions, awards, revocations, workdays, contributions, voids and commune merges
 * spread over 2021-2027.
 */
export interface GeneratedEvent {
  readonly stream: string;
  readonly event: DomainEvent;
}

export interface HistoryOptions {
  readonly events: number;
  readonly provinces?: number;
  readonly communesPerProvince?: number;
  readonly seed?: number;
  /** Share of the mix that merges a commune into a sibling (default 0.001). */
  readonly mergeRate?: number;
}

const FIELDS = ['economy', 'culture_society', 'defense_security', 'political_system', 'new_rural', 'other'] as const;
const FORMS = ['bang_khen', 'giay_khen', 'ky_niem_chuong', 'chien_si_thi_dua', 'co_thi_dua'] as const;
const METRICS = ['road_km', 'classrooms', 'houses_repaired', 'medical_checkups', 'funds_vnd', 'gifts', 'participants'] as const;

export function* generateHistory(options: HistoryOptions): Generator<GeneratedEvent> {
  const random = mulberry32(options.seed ?? 2025);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const day = () => {
    const year = 2021 + Math.floor(random() * 7);
    const month = 1 + Math.floor(random() * 12);
    const dayOfMonth = 1 + Math.floor(random() * 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  };
  let emitted = 0;
  const emit = function* (stream: string, event: DomainEvent): Generator<GeneratedEvent> {
    if (emitted >= options.events) return;
    emitted++;
    yield { stream, event };
  };

  const units: string[] = [];
  yield* emit('unit-vn', { type: 'UnitRegistered', data: { unitId: 'vn', name: 'Trung ương', kind: 'central', parentId: null } });
  for (let p = 0; p < (options.provinces ?? 34); p++) {
    const province = `p${p}`;
    yield* emit(`unit-${province}`, { type: 'UnitRegistered', data: { unitId: province, name: `Tỉnh ${p}`, kind: 'province', parentId: 'vn' } });
    for (let c = 0; c < (options.communesPerProvince ?? 20); c++) {
      const commune = `p${p}-c${c}`;
      units.push(commune);
      yield* emit(`unit-${commune}`, { type: 'UnitRegistered', data: { unitId: commune, name: `Xã ${c} tỉnh ${p}`, kind: 'commune', parentId: province } });
    }
  }
  yield* emit('phase-2021-2025', { type: 'PhaseDefined', data: { phaseId: '2021-2025', name: 'Giai đoạn 2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' } });
  yield* emit('phase-2025-2030', { type: 'PhaseDefined', data: { phaseId: '2025-2030', name: 'Giai đoạn 2025-2030', startsOn: '2025-01-01', endsOn: '2030-12-31' } });

  const models: { id: string; unit: string; on: string; recognized: boolean }[] = [];
  const awards: { id: string; on: string }[] = [];
  const entries: { id: string; unit: string }[] = [];
  while (emitted < options.events) {
    const roll = random();
    const unit = pick(units);
    if (roll < 0.1 || models.length === 0) {
      const model = { id: randomUUID(), unit, on: day(), recognized: false };
      models.push(model);
      yield* emit(`model-${model.id}`, {
        type: 'ModelRegistered',
        data: { modelId: model.id, unitId: unit, title: 'Mô hình Dân vận khéo', field: pick(FIELDS), holderKind: random() < 0.6 ? 'collective' : 'individual', holderName: 'Hội Nông dân xã', registeredOn: model.on },
      });
    } else if (roll < 0.15) {
      const model = pick(models);
      const level = model.recognized ? 'exemplary' : 'recognized';
      model.recognized = true;
      yield* emit(`model-${model.id}`, { type: 'ModelRecognized', data: { modelId: model.id, level, recognizedOn: model.on, byUnitId: unit } });
    } else if (roll < 0.3) {
      const award = { id: randomUUID(), on: day() };
      awards.push(award);
      const model = random() < 0.5 ? pick(models) : undefined;
      yield* emit(`award-${award.id}`, {
        type: 'AwardGranted',
        data: {
          awardId: award.id, recipientKind: random() < 0.5 ? 'collective' : 'individual', recipientName: 'Nguyễn Văn An',
          recipientUnitId: unit, form: pick(FORMS), issuerUnitId: unit, decisionNo: `${emitted}/QĐ-UBND`, decidedOn: award.on,
          movement: 'dan_van_kheo', ...(model ? { modelId: model.id } : {}),
        },
      });
    } else if (roll < 0.31 && awards.length > 0) {
      const award = awards.pop()!;
      yield* emit(`award-${award.id}`, { type: 'AwardRevoked', data: { awardId: award.id, revokedOn: award.on, decisionNo: `R${emitted}/QĐ`, reason: 'Sai đối tượng' } });
    } else if (roll < 0.76) {
      const entry = { id: randomUUID(), unit };
      entries.push(entry);
      const model = random() < 0.3 ? pick(models) : undefined;
      yield* emit(`ledger-${unit}`, {
        type: 'WorkdaysLogged',
        data: { entryId: entry.id, unitId: unit, workdays: 1 + Math.floor(random() * 200), on: day(), ...(model ? { modelId: model.id } : {}) },
      });
    } else if (roll < 0.98) {
      const entry = { id: randomUUID(), unit };
      entries.push(entry);
      const metric = pick(METRICS);
      const quantity = metric === 'funds_vnd' ? 1_000_000 * (1 + Math.floor(random() * 500)) : metric === 'road_km' ? Math.round(random() * 50) / 10 : 1 + Math.floor(random() * 20);
      yield* emit(`ledger-${unit}`, { type: 'ContributionRecorded', data: { entryId: entry.id, unitId: unit, metric, quantity, on: day() } });
    } else if (roll < 0.98 + (options.mergeRate ?? 0.001) && units.length > 2) {
      // A merged commune takes no new facts; its history moves under its sibling.
      const index = units.indexOf(unit);
      const into = units[index + 1]?.split('-')[0] === unit.split('-')[0] ? units[index + 1]! : undefined;
      if (into === undefined) continue;
      units.splice(index, 1);
      yield* emit(`unit-${unit}`, { type: 'UnitMerged', data: { unitId: unit, intoUnitId: into, effectiveOn: day(), decisionNo: `M${emitted}/QĐ` } });
    } else if (entries.length > 0) {
      const entry = entries.splice(Math.floor(random() * entries.length), 1)[0]!;
      yield* emit(`ledger-${entry.unit}`, { type: 'EntryVoided', data: { entryId: entry.id, reason: 'Nhập nhầm' } });
    }
  }
}

/** A small seeded PRNG so two runs generate the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
