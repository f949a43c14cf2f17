import type { FaultName } from '../../faults/fault-table.ts';
import type { LogRecord, LogShipper } from '../../shared/log-shipper.ts';

/** Where every finished function log record goes: VictoriaLogs, through the worker's shipper. */
export type RecordSink = (record: LogRecord) => void;

export function createRecordSink(shipper: LogShipper, faults: ReadonlySet<FaultName>): RecordSink {
  return (record) => {
    // Fault debug-logs-dropped: every DEBUG record of a function (stdout, logging, runtime hook and
    // CloudWatch passthrough alike) is lost on its way to VictoriaLogs.
    if (faults.has('debug-logs-dropped') && String(record.level).toUpperCase() === 'DEBUG') return;
    shipper.ship(record);
  };
}
