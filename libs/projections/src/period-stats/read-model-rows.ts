/** Rows of the entity tables the period-stats projection keeps beside the statistics. */
export interface ModelRow {
  modelId: string;
  unitId: string;
  title: string;
  field: string;
  holderKind: string;
  holderName: string;
  registeredOn: string;
  status: string;
  recognizedOn: string | null;
  recognizedBy: string | null;
  recognitionDecision: string | null;
  exemplaryOn: string | null;
  exemplaryBy: string | null;
  exemplaryDecision: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  position: string;
}

export interface AwardRow {
  awardId: string;
  recipientKind: string;
  recipientName: string;
  recipientUnitId: string;
  form: string;
  issuerUnitId: string;
  decisionNo: string;
  decidedOn: string;
  movement: string;
  modelId: string | null;
  field: string;
  status: string;
  revokedOn: string | null;
  revocationDecisionNo: string | null;
  revocationReason: string | null;
  pathVersion: number;
  position: string;
}

export interface EntryRow {
  unitId: string;
  entryId: string;
  kind: 'workdays' | 'contribution';
  metric: string;
  quantity: string;
  onDate: string;
  field: string;
  modelId: string | null;
  voided: boolean;
  pathVersion: number;
}
