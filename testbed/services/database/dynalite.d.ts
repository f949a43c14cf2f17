/** Types for the part of dynalite 4.0.0 the testbed uses; the package ships none (see its index.js). */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB directory; in memory when absent. */
    path?: string;
    /** How long a table stays CREATING, DELETING or UPDATING (default 500 ms each). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
  }

  /** An unstarted node:http server; its `close` also closes the LevelDB store, gracefully. */
  function dynalite(options?: DynaliteOptions): Server;

  export = dynalite;
}
