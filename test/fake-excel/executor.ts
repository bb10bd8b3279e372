/**
 * The host behind Microsoft's client: `OSF.DDA.RichApi.executeRichApiRequestAsync(message,
 * callback)` answered from the fake workbook, and `OSF.DDA.RichApi.richApiMessageManager` for
 * change events. Browser-safe.
 *
 * A request is the message array `RichApiMessageUtility.buildRequestMessageSafeArray` builds:
 * `[customData, 'POST', 'ProcessQuery', headers, body, appPermission, requestFlags, …]`; the body
 * is `{ AutoKeepReference, Actions, ObjectPaths }`. Object paths: 1 the workbook, 3 a method
 * (`GetRange`), 4 a property (`Worksheets`), 5 an indexer (`getItem`), 6 a kept reference, 7 a
 * null object. Actions: 1 instantiate, 2 query, 3 method, 4 set property, 5 trace. The answer is
 * `{ status: 'succeeded', value: { data: [200, headers, body] } }` with body
 * `{ Results: [{ ActionId, Value }], Error?: { Code, Message, Location, ActionIndex, HttpStatusCode } }`,
 * or `{ status: 'failed', error: { code, message } }` for what the host refuses before running
 * (5103/5104 payload limits, 5004 cell-edit mode), which the client turns into its error codes.
 */
import type { HostResult } from './runtime';
import { HostObject, WorkbookObj, wireName, type HostContext } from './host-objects';
import { ERROR_CODES, FakeOfficeError, areaAddress, hostError, httpStatusOf, type Area, type FakeSheet, type FakeWorkbook } from './model';

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}

interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

type Rec = Record<string, unknown>;

/** OSF's error numbers for what the host refuses before running a batch. */
export const HOST_CODES = {
  /** ooeInvalidApiCallInContext: the user is editing a cell (→ InvalidOperationInCellEditMode). */
  cellEditMode: 5004,
  /** ooeRequestPayloadSizeLimitExceeded (→ RequestPayloadSizeLimitExceeded). */
  requestTooLarge: 5103,
  /** ooeResponsePayloadSizeLimitExceeded (→ ResponsePayloadSizeLimitExceeded). */
  responseTooLarge: 5104,
} as const;

/** Request flag the client sets for `Excel.run({ delayForCellEdit: true })`. */
export const DELAY_FOR_CELL_EDIT = 64;

const encoder = new TextEncoder();
/** Size in UTF-8 bytes (what crosses the wire to Excel on the web). */
export const utf8Length = (s: string): number => encoder.encode(s).length;

class ResponseTooLarge extends Error {}

/** The message category and event type the client listens for (`worksheets.onChanged`). */
const EVENT_CATEGORY = 65536;
const WORKSHEET_CHANGED = 10;

export class FakeExecutor {
  private readonly ctx: HostContext & { changes: Array<{ sheet: FakeSheet; area: Area }>; estimate: number };
  private readonly handlers: Array<(args: unknown) => void> = [];

  constructor(
    readonly wb: FakeWorkbook,
    /** `Type.member` → ExcelApi minor version (the runtime's own metadata, ./runtime.ts). */
    private readonly apiVersions: ReadonlyMap<string, number> = new Map(),
  ) {
    const limit = (): number => wb.payloadLimit;
    this.ctx = {
      wb,
      changes: [],
      estimate: 0,
      refs: new Map(),
      reading(cells: number, bytesPerCell: number) {
        this.estimate += cells * bytesPerCell;
        if (this.estimate > limit()) throw new ResponseTooLarge();
      },
    };
    wb.onCellsChanged((changes, trigger) => this.post(changes, trigger));
  }

  /** `OSF.DDA.RichApi.executeRichApiRequestAsync`. */
  readonly execute = (message: unknown[], callback: (r: HostResult) => void): void => {
    const wb = this.wb;
    const body = String(message[4] ?? '');
    const flags = Number(message[6] ?? 0);
    const bytes = utf8Length(body);
    // The runtime releases kept ranges after each Excel.run with a request of `_RemoveReference`
    // actions (not awaited by the add-in): counted apart from the add-in's own syncs.
    const cleanup = isCleanupOnly(body);
    if (cleanup) wb.cleanupRequests++;
    else wb.syncCount++;
    const record = { bytes, responseBytes: 0, flags, actions: 0, error: null as string | null, cleanup };
    wb.requests.push(record);
    wb.requestBytes.push(bytes);
    const answer = (r: HostResult): void => void Promise.resolve().then(() => callback(r));
    const refuse = (code: number, name: string, message: string): void => {
      record.error = name;
      wb.responseBytes.push(0);
      answer({ status: 'failed', error: { code, message } });
    };
    const run = (): void => {
      if (!cleanup) wb.beforeSync?.(wb.syncCount);
      if (wb.failNextSync && !cleanup) {
        const e = wb.failNextSync;
        wb.failNextSync = null;
        record.error = e.code;
        wb.responseBytes.push(0);
        answer(this.succeeded({ Results: [], Error: { Code: e.code, Message: e.message, Location: e.debugInfo.errorLocation ?? '', ActionIndex: -1, HttpStatusCode: httpStatusOf(e.code) } }).result);
        return;
      }
      if (bytes > wb.payloadLimit) {
        wb.refused++;
        refuse(HOST_CODES.requestTooLarge, ERROR_CODES.requestPayloadSizeLimitExceeded, 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
        return;
      }
      let parsed: RequestBody;
      try {
        parsed = JSON.parse(body) as RequestBody;
      } catch {
        refuse(5001, ERROR_CODES.generalException, 'malformed request');
        return;
      }
      record.actions = parsed.Actions.length;
      const out = this.process(parsed);
      if (out === 'too-large') {
        wb.refused++;
        refuse(HOST_CODES.responseTooLarge, ERROR_CODES.responsePayloadSizeLimitExceeded, 'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
        return;
      }
      const { result, size } = this.succeeded(out);
      if (size > wb.payloadLimit) {
        wb.refused++;
        refuse(HOST_CODES.responseTooLarge, ERROR_CODES.responsePayloadSizeLimitExceeded, 'The response payload size has exceeded the limit.');
        return;
      }
      record.responseBytes = size;
      record.error = (out.Error as { Code?: string } | undefined)?.Code ?? null;
      wb.responseBytes.push(size);
      answer(result);
    };
    if (wb.cellEditMode) {
      // Documented (RunOptions.delayForCellEdit): without it the batch fails; with it, it waits.
      if (flags & DELAY_FOR_CELL_EDIT) {
        if (wb.runHeldBatches) run();
        else wb.holdUntilEditEnds(run);
      }
      else refuse(HOST_CODES.cellEditMode, ERROR_CODES.invalidOperationInCellEditMode, 'Excel is in cell-editing mode.');
      return;
    }
    run();
  };

  private succeeded(body: Rec): { result: HostResult; size: number } {
    const text = JSON.stringify(body);
    return { result: { status: 'succeeded', value: { data: [200, [], text] } }, size: utf8Length(text) };
  }

  /**
   * A member above the ExcelApi version the host supports does not exist there: ApiNotFound
   * (the runtime as shipped does not check requirement sets itself, see ./runtime.ts).
   */
  private readonly available = (o: HostObject, wireMember: string): void => {
    const js = EVENT_MEMBERS[`${o.type}.${wireMember}`] ?? (wireMember.startsWith('_') ? null : wireMember[0].toLowerCase() + wireMember.slice(1));
    if (!js) return;
    const v = this.apiVersions.get(`${o.type}.${js}`);
    if (v !== undefined && v > this.wb.apiVersion) throw hostError(ERROR_CODES.apiNotFound, `${o.type}.${js} is in ExcelApi 1.${v}; this Excel has 1.${this.wb.apiVersion}`, `${o.type}.${js}`);
  };

  /** Runs the actions in order; the first failure stops the batch (what ran stays applied). */
  private process(req: RequestBody): Rec | 'too-large' {
    const ctx = this.ctx;
    ctx.changes = [];
    ctx.estimate = 0;
    const resolved = new Map<number, HostObject | null>();
    const results: Array<{ ActionId: number; Value: unknown }> = [];
    const paths = req.ObjectPaths ?? {};

    const argsOf = (info: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] } | undefined): unknown[] => {
      const args = [...(info?.Arguments ?? [])];
      info?.ReferencedObjectPathIds?.forEach((id, i) => {
        if (id) args[i] = resolve(id);
      });
      return args;
    };
    const resolve = (id: number): HostObject | null => {
      if (resolved.has(id)) return resolved.get(id)!;
      const p = paths[String(id)];
      if (!p) throw hostError(ERROR_CODES.invalidObjectPath, `object path ${id}`);
      // A member of a null object is a null object too.
      const parent = (): HostObject | null => {
        const o = resolve(p.ParentObjectPathId ?? 0);
        if (o) this.available(o, p.ObjectPathType === 5 ? 'GetItem' : p.Name);
        return o;
      };
      let obj: HostObject | null;
      switch (p.ObjectPathType) {
        case 1:
          obj = new WorkbookObj(ctx);
          break;
        case 3:
          obj = parent()?.method(p.Name, argsOf(p.ArgumentInfo)) ?? null;
          break;
        case 4:
          obj = parent()?.nav(p.Name) ?? null;
          break;
        case 5:
          obj = parent()?.index(argsOf(p.ArgumentInfo)) ?? null;
          break;
        case 6: {
          obj = ctx.refs.get(p.Name) ?? null;
          if (!obj) throw hostError(ERROR_CODES.itemNotFound, `reference ${p.Name} was released`);
          break;
        }
        case 7:
          obj = null;
          break;
        default:
          throw hostError(ERROR_CODES.notImplemented, `fake excel: object path type ${p.ObjectPathType}`);
      }
      resolved.set(id, obj);
      return obj;
    };

    let error: Rec | undefined;
    const actions = req.Actions ?? [];
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      try {
        switch (a.ActionType) {
          case 1: {
            const o = resolve(a.ObjectPathId);
            results.push({ ActionId: a.Id, Value: o ? o.identity() : null });
            break;
          }
          case 2: {
            const o = resolve(a.ObjectPathId);
            results.push({ ActionId: a.Id, Value: o ? query(o, this.available, a.QueryInfo?.Select, a.QueryInfo?.Expand, a.QueryInfo?.Top, a.QueryInfo?.Skip) : null });
            break;
          }
          case 3: {
            // A method of a null object does nothing and returns null.
            const o = resolve(a.ObjectPathId);
            if (!o) {
              results.push({ ActionId: a.Id, Value: null });
              break;
            }
            if (a.Name === '_KeepReference') {
              const ref = o.keepReference();
              if (ref) ctx.refs.set(ref, o);
              break;
            }
            this.available(o, a.Name);
            const v = o.call(a.Name, argsOf(a.ArgumentInfo));
            results.push({ ActionId: a.Id, Value: v === undefined ? null : v });
            break;
          }
          case 4: {
            // Setting a property of a null object does nothing.
            const o = resolve(a.ObjectPathId);
            if (o) {
              this.available(o, a.Name);
              o.set(a.Name, argsOf(a.ArgumentInfo)[0]);
            }
            break;
          }
          case 5:
            // Trace markers: the client runs callbacks (event registration) on their results.
            results.push({ ActionId: a.Id, Value: null });
            break;
          default:
            throw hostError(ERROR_CODES.notImplemented, `fake excel: action type ${a.ActionType}`);
        }
      } catch (e) {
        if (e instanceof ResponseTooLarge) {
          this.flushChanges();
          return 'too-large';
        }
        const err = e instanceof FakeOfficeError ? e : hostError(ERROR_CODES.generalException, e instanceof Error ? e.message : String(e));
        error = { Code: err.code, Message: err.message, Location: err.debugInfo.errorLocation ?? a.Name, ActionIndex: i, HttpStatusCode: httpStatusOf(err.code) };
        break;
      }
    }
    this.flushChanges();
    return error ? { Results: results, Error: error } : { Results: results };
  }

  /** Change events of this request's writes (after it). */
  private flushChanges(): void {
    const changes = this.ctx.changes;
    this.ctx.changes = [];
    if (changes.length) this.wb.emit(changes, 'ThisLocalAddin');
  }

  // -------------------------------------------------------------------------------------
  // Events: OSF.DDA.RichApi.richApiMessageManager

  readonly messages = {
    register: (handler: (args: unknown) => void): Promise<void> => {
      this.handlers.push(handler);
      return Promise.resolve();
    },
    removeHandlerAsync: (_type: string, options: { handler: unknown }, callback?: (r: { status: string }) => void): void => {
      const i = this.handlers.indexOf(options.handler as (args: unknown) => void);
      if (i >= 0) this.handlers.splice(i, 1);
      callback?.({ status: 'succeeded' });
    },
  };

  private post(changes: ReadonlyArray<{ sheet: FakeSheet; area: Area }>, trigger: 'ThisLocalAddin' | 'Unknown'): void {
    if (!this.handlers.length) return;
    const entries = changes.map((c) => ({
      messageCategory: EVENT_CATEGORY,
      messageType: WORKSHEET_CHANGED,
      targetId: 'Workbook',
      message: JSON.stringify({
        type: 'WorksheetChanged',
        changeType: 'RangeEdited',
        source: 'Local',
        worksheetId: c.sheet.id,
        address: areaAddress(c.area),
        triggerSource: trigger,
        shiftDirection: 'None',
      }),
      isRemoteOverride: false,
    }));
    const handlers = [...this.handlers];
    // Excel raises events after the batch, asynchronously.
    setTimeout(() => {
      for (const h of handlers) h({ type: 'richApiMessage', entries });
    }, 0);
  }
}

/** A request of nothing but `_RemoveReference` calls on the workbook (the runtime's own clean-up). */
function isCleanupOnly(body: string): boolean {
  if (!body.includes('"_RemoveReference"')) return false;
  try {
    const req = JSON.parse(body) as RequestBody;
    return req.Actions.every((a) => (a.ActionType === 3 && a.Name === '_RemoveReference') || a.ActionType === 1);
  } catch {
    return false;
  }
}

/** Event registrations and the API member they belong to. */
const EVENT_MEMBERS: Readonly<Record<string, string>> = {
  'WorksheetCollection._RegisterDataChangedEvent': 'onChanged',
  'WorksheetCollection._UnregisterDataChangedEvent': 'onChanged',
};

type Available = (o: HostObject, wireMember: string) => void;

/** A query's value: wire names, navigations nested, collections as `{ _Items: [...] }`. */
function query(o: HostObject, available: Available, select?: string[], expand?: string[], top?: number, skip?: number): Rec {
  const items = o.items();
  if (items) {
    let list = items;
    if (skip) list = list.slice(skip);
    if (top !== undefined && top >= 0) list = list.slice(0, top);
    return { _Items: list.map((it) => queryOne(it, available, select, expand)) };
  }
  return queryOne(o, available, select, expand);
}

function queryOne(o: HostObject, available: Available, select?: string[], expand?: string[]): Rec {
  const out: Rec = { ...o.identity() };
  const wanted = select && select.length ? select : [...o.scalars];
  const nested = new Map<string, string[]>();
  for (const raw of [...wanted, ...(expand ?? [])]) {
    const p = raw.trim();
    if (!p) continue;
    const slash = p.indexOf('/');
    const head = slash >= 0 ? p.slice(0, slash) : p;
    const rest = slash >= 0 ? p.slice(slash + 1) : '';
    if (head === 'items') {
      // A collection's own `items/x` reaches here only when nested: x applies to each item.
      if (rest) nested.set('', [...(nested.get('') ?? []), rest]);
      continue;
    }
    if (slash >= 0 || o.navigations.includes(head)) {
      nested.set(head, [...(nested.get(head) ?? []), ...(rest ? [rest] : [])]);
      continue;
    }
    if (select && select.length) available(o, wireName(p));
    out[wireName(p)] = o.get(p);
  }
  for (const [head, rest] of nested) {
    if (head === '') continue;
    available(o, wireName(head));
    const child = o.nav(wireName(head));
    out[wireName(head)] = query(child, available, rest.map((r) => (r.startsWith('items/') ? r.slice(6) : r)));
  }
  return out;
}
