import { registerScenario } from 'esb-e2e';

registerScenario('restart');
