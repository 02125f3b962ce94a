import type { Provider } from '@nestjs/common';
import { AwardsReader, ModelsReader, PhasesReader, StatsReader, UnitsReader } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../store/store.tokens.js';

/** The #read-models query services, each over the migrated READ_MODELS DataSource. */
export const READER_PROVIDERS: Provider[] = [StatsReader, UnitsReader, PhasesReader, ModelsReader, AwardsReader].map(
  (Reader) => ({ provide: Reader, inject: [READ_MODELS], useFactory: (dataSource: DataSource) => new Reader(dataSource) }),
);
