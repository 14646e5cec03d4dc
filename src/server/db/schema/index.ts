export * from './accessLog.ts';
export * from './accounts.ts';
export * from './organisations.ts';
export * from './students.ts';
