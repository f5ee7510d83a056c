/** DI token of the root pino logger (pino's Logger is an interface, so it needs a token). */
export const LOGGER = Symbol('LOGGER');
