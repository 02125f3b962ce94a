// Public API of the pure domain library (`#domain`).
export * from './decider.js';
export * from './errors.js';
export * from './dates.js';
export * from './text.js';
export * from './ids.js';
export * from './rules.js';
export * from './events.js';
export * from './event-types.js';
export * from './streams.js';
export * from './catalogues/index.js';
export * from './periods/period.js';

export * from './units/unit.events.js';
export * from './units/unit.commands.js';
export * from './units/unit.decider.js';
export * from './phases/phase.events.js';
export * from './phases/phase.commands.js';
export * from './phases/phase.decider.js';
export * from './models/model.events.js';
export * from './models/model.commands.js';
export * from './models/model.decider.js';
export * from './awards/award.events.js';
export * from './awards/award.commands.js';
export * from './awards/award.decider.js';
export * from './awards/award-reservation.events.js';
export * from './awards/award-reservation.js';
export * from './ledger/ledger.events.js';
export * from './ledger/ledger.commands.js';
export * from './ledger/ledger.decider.js';

import type { AwardCommand } from './awards/award.commands.js';
import type { LedgerCommand } from './ledger/ledger.commands.js';
import type { ModelCommand } from './models/model.commands.js';
import type { PhaseCommand } from './phases/phase.commands.js';
import type { UnitCommand } from './units/unit.commands.js';

/** Every command the domain decides. */
export type DomainCommand = UnitCommand | PhaseCommand | ModelCommand | AwardCommand | LedgerCommand;

export * from './access/access.js';
export * from './audit/award-history.js';
