// Injection tokens of values (not classes) in the gateway's Nest container.
export const LOGGER = Symbol('LOGGER');

/** Injection token of the GatewayTransports (empty unless the embedded mode hands some in). */
export const GATEWAY_TRANSPORTS = Symbol('GATEWAY_TRANSPORTS');
