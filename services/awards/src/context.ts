import type { BaseContext } from '@thidua/kit';
import type { DataSource } from 'typeorm';

export interface AwardsContext extends BaseContext {
  db: DataSource;
}
