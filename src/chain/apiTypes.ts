// The proxy's record of one HTTP exchange: the shared type, from src/types.ts, where the panels read it too.
export type { HttpExchange } from '../types.js';
