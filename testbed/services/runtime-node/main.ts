process.title = 'runtime-node';

const { runRuntimeNode } = await import('./run-runtime-node.ts');
await runRuntimeNode(process.env);
