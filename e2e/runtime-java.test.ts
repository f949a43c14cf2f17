import { registerScenario } from '../runner/node/register-cases.ts';

registerScenario('runtime/java');
