// Injection tokens of values (not classes) in the gateway's Nest container.
export const LOGGER = Symbol('LOGGER');
