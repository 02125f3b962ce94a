import { AWARD_FORMS, METRICS, statisticsFields, UNCLASSIFIED_FIELD } from '#domain';
import { STAT_METRIC } from '../stats-metrics.js';

/**
 * The totals of API.md's statistics answers. Every key is always present: a metric with
 * no facts reads 0, and `awardsByForm` / `contributions` list every form and metric of
 * the catalogues (plus any code found in the data that the catalogue does not know).
 */
export interface StatsTotals {
  modelsRegistered: number;
  modelsRegisteredCollective: number;
  modelsRegisteredIndividual: number;
  modelsRecognized: number;
  modelsExemplary: number;
  modelsWithdrawn: number;
  /** Awards in force: granted in the period and not revoked since. */
  awardsGranted: number;
  awardsGrantedCollective: number;
  awardsGrantedIndividual: number;
  awardsRevoked: number;
  workdays: number;
  awardsByForm: Record<string, number>;
  contributions: Record<string, number>;
}

/** One summed row of rm_year_stats: a metric key and its exact decimal sum. */
export interface MetricSum {
  readonly metric: string;
  readonly value: string;
}

const NO_AWARDS_BY_FORM: Readonly<Record<string, number>> = Object.fromEntries(AWARD_FORMS.map((form) => [form.code, 0]));
const NO_CONTRIBUTIONS: Readonly<Record<string, number>> = Object.fromEntries(METRICS.map((metric) => [metric.code, 0]));

export function emptyTotals(): StatsTotals {
  return {
    modelsRegistered: 0,
    modelsRegisteredCollective: 0,
    modelsRegisteredIndividual: 0,
    modelsRecognized: 0,
    modelsExemplary: 0,
    modelsWithdrawn: 0,
    awardsGranted: 0,
    awardsGrantedCollective: 0,
    awardsGrantedIndividual: 0,
    awardsRevoked: 0,
    workdays: 0,
    awardsByForm: { ...NO_AWARDS_BY_FORM },
    contributions: { ...NO_CONTRIBUTIONS },
  };
}

const REGISTERED = STAT_METRIC.modelsRegistered('');
const GRANTED = `${STAT_METRIC.awardsGranted('', '').split(':')[0]}:`;
const CONTRIBUTION = STAT_METRIC.contribution('');

/** Adds an amount of one metric key into the leaf it feeds (and that leaf's roll-ups). */
type Adder = (totals: StatsTotals, amount: number) => void;

const ignore: Adder = () => undefined;

/** What a metric key feeds, read from the key once. */
function adderOf(metric: string): Adder {
  if (metric.startsWith(REGISTERED)) {
    const holderKind = metric.slice(REGISTERED.length);
    return (totals, amount) => {
      totals.modelsRegistered += amount;
      if (holderKind === 'collective') totals.modelsRegisteredCollective += amount;
      if (holderKind === 'individual') totals.modelsRegisteredIndividual += amount;
    };
  }
  if (metric.startsWith(GRANTED)) {
    const [form, recipientKind] = metric.slice(GRANTED.length).split(':');
    return (totals, amount) => {
      totals.awardsGranted += amount;
      if (recipientKind === 'collective') totals.awardsGrantedCollective += amount;
      if (recipientKind === 'individual') totals.awardsGrantedIndividual += amount;
      if (form !== undefined && form !== '') totals.awardsByForm[form] = (totals.awardsByForm[form] ?? 0) + amount;
    };
  }
  if (metric.startsWith(CONTRIBUTION)) {
    const code = metric.slice(CONTRIBUTION.length);
    if (code === '') return ignore;
    return (totals, amount) => {
      totals.contributions[code] = (totals.contributions[code] ?? 0) + amount;
    };
  }
  switch (metric) {
    case STAT_METRIC.modelsRecognized:
      return (totals, amount) => void (totals.modelsRecognized += amount);
    case STAT_METRIC.modelsExemplary:
      return (totals, amount) => void (totals.modelsExemplary += amount);
    case STAT_METRIC.modelsWithdrawn:
      return (totals, amount) => void (totals.modelsWithdrawn += amount);
    case STAT_METRIC.awardsRevoked:
      return (totals, amount) => void (totals.awardsRevoked += amount);
    case STAT_METRIC.workdays:
      return (totals, amount) => void (totals.workdays += amount);
    default:
      return ignore;
  }
}

/**
 * A series answers 60 periods of the same few dozen metric keys: each key is read once per
 * process. The keys are the projection's (a catalogue's codes), so the map stays small.
 */
const ADDERS = new Map<string, Adder>();

/**
 * Adds one metric's sum into `totals`. Each rm_year_stats metric key feeds exactly one
 * leaf (plus its roll-ups: a collective registration also counts in modelsRegistered).
 * Leaves arrive already summed by SQL in exact numeric arithmetic (one row per leaf), so
 * the only additions that matter here are of whole counts (registrations and grants),
 * which are exact in a double.
 * Unknown keys are ignored: a newer projection may keep metrics this reader does not show.
 */
export function addMetric(totals: StatsTotals, metric: string, value: string): void {
  const amount = Number(value);
  if (!Number.isFinite(amount)) return;
  let adder = ADDERS.get(metric);
  if (adder === undefined) {
    adder = adderOf(metric);
    ADDERS.set(metric, adder);
  }
  adder(totals, amount);
}

/** Totals from metric sums that are already unique per metric (one group). */
export function totalsOf(sums: readonly MetricSum[]): StatsTotals {
  const totals = emptyTotals();
  for (const sum of sums) addMetric(totals, sum.metric, sum.value);
  return totals;
}

/**
 * The by-field breakdown: every statistics field of the catalogue (model fields, then
 * any other field found in the data, then `unclassified`), each with full totals.
 */
export function totalsByField(sums: readonly (MetricSum & { readonly field: string })[]): Record<string, StatsTotals> {
  const catalogue = statisticsFields().map((f) => f.code);
  const extra = [...new Set(sums.map((s) => s.field))].filter((f) => !catalogue.includes(f)).sort();
  const order = [...catalogue.filter((f) => f !== UNCLASSIFIED_FIELD), ...extra, UNCLASSIFIED_FIELD];
  const byField: Record<string, StatsTotals> = Object.fromEntries(order.map((field) => [field, emptyTotals()]));
  for (const sum of sums) {
    const totals = byField[sum.field];
    if (totals !== undefined) addMetric(totals, sum.metric, sum.value);
  }
  return byField;
}
