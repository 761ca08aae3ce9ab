import 'reflect-metadata';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { loadConfigFromProcess } from '../config/config.module';

import { typeormOptions } from './typeorm-options';

/** Used by the TypeORM CLI (`npm run migration:run`); the app builds its own through DatabaseModule. */
export default new DataSource({
  ...typeormOptions(loadConfigFromProcess()),
  entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
});
