import { join } from 'node:path';
import { FIXTURES } from '../helpers/project-copy.ts';

/**
 * A frozen copy of the catalogue and matrix of the seed era: the catalogue that docs/scenarios.md was first
 * generated from, byte-identical to ../shared/seeds/. Tests that pin the seed era (its 53 cases, the seed
 * document) read this copy, so the live catalogue in catalog/ can grow without breaking them.
 */
export const SEED_PROJECT = join(FIXTURES, 'seed-project');
