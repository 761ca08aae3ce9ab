import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The cluster's settings, written by cluster.sh start (CLUSTER_URL, DATABASE_URL, JWT_SECRET, ...).
 * Assigned here rather than with process.loadEnvFile, which writes to the real process.env and
 * not to the copy that Jest gives each test file.
 */
const file = join(process.env.CLUSTER_DIR ?? '/tmp/flashmart-cluster', 'cluster.env');
Object.assign(process.env, parseEnv(readFileSync(file, 'utf8')));
