import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlPool } from '#event-store';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import { openStores, type Stores } from './open-stores.js';
import { EVENT_STORE, MIGRATIONS, READ_POOL } from './store.tokens.js';

const STORES = Symbol('STORES');

class StoresLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}

/** Provides EVENT_STORE, READ_POOL and MIGRATIONS to the whole app and closes them on shutdown. */
@Global()
@Module({})
export class StoreModule {
  /** `pool`: an already open database (tests); otherwise the configuration decides. */
  static forRoot(options: { pool?: SqlPool } = {}): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        {
          provide: STORES,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => openStores(config, options.pool),
        },
        { provide: EVENT_STORE, inject: [STORES], useFactory: (stores: Stores) => stores.eventStore },
        { provide: READ_POOL, inject: [STORES], useFactory: (stores: Stores) => stores.readPool },
        { provide: MIGRATIONS, inject: [STORES], useFactory: (stores: Stores): Stores['serialiseMigrations'] => (migrate) => stores.serialiseMigrations(migrate) },
        StoresLifecycle,
      ],
      exports: [EVENT_STORE, READ_POOL, MIGRATIONS],
    };
  }
}
