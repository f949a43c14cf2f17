// The control-plane adapter crashes the agent by the process whose /proc/<pid>/comm is exactly `agent`
// (contract §10), so the name is set before anything else is loaded. Static imports would run first,
// hence the dynamic import below.
process.title = 'agent';

const { runAgent } = await import('./run-agent.ts');
await runAgent(process.env);
