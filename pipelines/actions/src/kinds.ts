// Action kinds as they appear on the wire (ActionResult.action_kind) and their link to the
// generated Action message. Bodies are the generated contract types, looked up through Action's
// own fields, so nothing here restates a contract shape.
import type { Action } from '@switchboard/contracts';

/** The `action_kind` spelling of each Action oneof member, and the generated field that holds it. */
export const ACTION_FIELDS = {
  say: 'say',
  ask: 'ask',
  transfer_to_human: 'transferToHuman',
  create_ticket: 'createTicket',
  verify_identity: 'verifyIdentity',
  update_crm: 'updateCrm',
  hang_up: 'hangUp',
  lookup: 'lookup',
} as const satisfies Record<string, Exclude<keyof Action, 'actionId'>>;

export type ActionKind = keyof typeof ACTION_FIELDS;
export const ACTION_KINDS = Object.keys(ACTION_FIELDS) as readonly ActionKind[];

/**
 * Kinds the gateway carries out on the live call (it receives them over NATS from dialogue):
 * the actions processor never executes them and emits no result for them.
 */
export const GATEWAY_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>(['say', 'ask', 'hang_up']);

/** Kinds a connector can execute. transfer_to_human is optional: the gateway moves the call. */
export const CONNECTOR_KINDS = ['transfer_to_human', 'create_ticket', 'verify_identity', 'update_crm', 'lookup'] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

export type ActionBody<K extends ActionKind> = NonNullable<Action[(typeof ACTION_FIELDS)[K]]>;

/** One connector-executable action with its kind as a discriminant, so connectors narrow on `kind`. */
export type ConnectorCall = { readonly [K in ConnectorKind]: { readonly kind: K; readonly body: ActionBody<K> } }[ConnectorKind];

export type ClassifiedAction =
  | { readonly kind: ActionKind; readonly call: ConnectorCall | undefined }
  | { readonly kind: undefined; readonly call: undefined };

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return (CONNECTOR_KINDS as readonly string[]).includes(kind);
}

/** Which oneof member an Action carries, and the connector call for it when there is one. */
export function classifyAction(action: Action): ClassifiedAction {
  // Each branch is spelled out so TypeScript pairs each kind with its body type.
  if (action.transferToHuman) return { kind: 'transfer_to_human', call: { kind: 'transfer_to_human', body: action.transferToHuman } };
  if (action.createTicket) return { kind: 'create_ticket', call: { kind: 'create_ticket', body: action.createTicket } };
  if (action.verifyIdentity) return { kind: 'verify_identity', call: { kind: 'verify_identity', body: action.verifyIdentity } };
  if (action.updateCrm) return { kind: 'update_crm', call: { kind: 'update_crm', body: action.updateCrm } };
  if (action.lookup) return { kind: 'lookup', call: { kind: 'lookup', body: action.lookup } };
  if (action.say) return { kind: 'say', call: undefined };
  if (action.ask) return { kind: 'ask', call: undefined };
  if (action.hangUp) return { kind: 'hang_up', call: undefined };
  return { kind: undefined, call: undefined };
}
