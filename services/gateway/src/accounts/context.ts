import type { BaseContext } from '@thidua/kit';
import type { DataSource } from 'typeorm';

export interface AccountsContext extends BaseContext {
  db: DataSource;
}
