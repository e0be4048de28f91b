// The `orders` lookup connector: answers `order_status` from a pack's orders data file, for
// deployments (and the demo) without an order system to call.
import { failed, succeeded, type Connector } from '../connector';
import { DATE_RULE, isFields, listIn, readDataFile, requiredString, stringField, throwIfProblems } from './data-file';

export const ORDER_STATUSES = ['processing', 'shipped', 'out_for_delivery', 'delivered', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Spoken forms of each status, so prompts need not say a code such as `out_for_delivery`. */
export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, { readonly en: string; readonly zh: string }>> = {
  processing: { en: 'being prepared', zh: '备货中' },
  shipped: { en: 'shipped', zh: '已发货' },
  out_for_delivery: { en: 'out for delivery', zh: '派送中' },
  delivered: { en: 'delivered', zh: '已送达' },
  cancelled: { en: 'cancelled', zh: '已取消' },
  returned: { en: 'returned', zh: '已退货' },
};

export interface OrderItem {
  readonly name: string;
  readonly quantity: number;
}

export interface Order {
  readonly number: string;
  readonly status: OrderStatus;
  readonly carrier?: string;
  /** Expected (or actual, once delivered) delivery date, YYYY-MM-DD. */
  readonly eta?: string;
  readonly items: readonly OrderItem[];
}

export const ORDER_STATUS_OPERATION = 'order_status';
/** The Lookup param holding the order number. */
export const ORDER_NUMBER_PARAM = 'order_number';

/** Order numbers as callers say or type them: "a-100 42" finds "A10042". */
export function normalizeOrderNumber(value: string): string {
  return value.replace(/[^0-9a-z]/gi, '').toUpperCase();
}

/** Validates parsed orders data; problems name the file, entry and key. */
export function parseOrders(data: unknown, file: string): Order[] {
  const problems: string[] = [];
  const orders: Order[] = [];
  const seen = new Set<string>();
  listIn(data, 'orders', file, problems).forEach((raw, i) => {
    const path = `${file}: orders[${i}]`;
    if (!isFields(raw)) {
      problems.push(`${path}: must be a mapping`);
      return;
    }
    const number = requiredString(raw, 'number', path, problems);
    const status = requiredString(raw, 'status', path, problems, { re: new RegExp(`^(${ORDER_STATUSES.join('|')})$`), rule: `must be one of ${ORDER_STATUSES.join(', ')}` });
    const carrier = stringField(raw, 'carrier', path, problems);
    const eta = stringField(raw, 'eta', path, problems, DATE_RULE);
    const items: OrderItem[] = [];
    if (!Array.isArray(raw.items) || raw.items.length === 0) problems.push(`${path}.items: must be a non-empty list`);
    else {
      (raw.items as unknown[]).forEach((item, j) => {
        const ipath = `${path}.items[${j}]`;
        if (!isFields(item)) return void problems.push(`${ipath}: must be a mapping`);
        const name = requiredString(item, 'name', ipath, problems);
        const quantity = item.quantity ?? 1;
        if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) problems.push(`${ipath}.quantity: must be a positive integer`);
        else items.push({ name, quantity });
      });
    }
    const key = normalizeOrderNumber(number);
    if (number !== '' && seen.has(key)) problems.push(`${path}.number: duplicate order number`);
    seen.add(key);
    orders.push({ number, status: status as OrderStatus, items, ...(carrier === undefined ? {} : { carrier }), ...(eta === undefined ? {} : { eta }) });
  });
  throwIfProblems(problems, 'orders data');
  return orders;
}

export function loadOrdersFile(path: string): Order[] {
  return parseOrders(readDataFile(path), path);
}

export function createOrdersConnector(orders: readonly Order[], name = 'orders'): Connector {
  const byNumber = new Map(orders.map((o) => [normalizeOrderNumber(o.number), o]));
  return {
    name,
    kinds: new Set(['lookup']),
    execute(req) {
      const { call } = req;
      if (call.kind !== 'lookup' || call.body.operation !== ORDER_STATUS_OPERATION) return Promise.resolve(failed('invalid'));
      const wanted = normalizeOrderNumber(call.body.params[ORDER_NUMBER_PARAM] ?? '');
      if (wanted === '') return Promise.resolve(failed('invalid'));
      const order = byNumber.get(wanted);
      if (order === undefined) return Promise.resolve(failed('not_found'));
      return Promise.resolve(succeeded({
        order_number: order.number,
        status: order.status,
        status_en: ORDER_STATUS_LABELS[order.status].en,
        status_zh: ORDER_STATUS_LABELS[order.status].zh,
        carrier: order.carrier ?? '',
        eta: order.eta ?? '',
        items: order.items.map((it) => `${it.quantity} x ${it.name}`).join(', '),
        item_count: String(order.items.reduce((n, it) => n + it.quantity, 0)),
      }));
    },
  };
}
