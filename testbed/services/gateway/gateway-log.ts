import type { LogShipper } from '../../shared/log-shipper.ts';

export type GatewayLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/** Per-request context every gateway record carries (contract §4.3, gateway row). */
export interface RequestLogContext {
  readonly traceId?: string;
  readonly requestId?: string;
}

/**
 * Gateway records: container_name esb-gateway, job services, the request's full trace header and request id.
 * With `silenced` (fault access-log-missing) nothing is shipped.
 */
export class GatewayLogger {
  constructor(
    private readonly shipper: LogShipper,
    private readonly silenced = false,
  ) {}

  log(
    level: GatewayLevel,
    logger: string,
    message: string,
    context: RequestLogContext = {},
    fields: Record<string, unknown> = {},
  ): void {
    if (this.silenced) return;
    this.shipper.ship({
      ...fields,
      message,
      _time: new Date().toISOString(),
      level,
      logger,
      container_name: 'esb-gateway',
      job: 'services',
      ...(context.traceId ? { trace_id: context.traceId } : {}),
      ...(context.requestId ? { aws_request_id: context.requestId } : {}),
    });
  }

  flush(): Promise<void> {
    return this.shipper.flush();
  }
}
