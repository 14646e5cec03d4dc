export * from './accessLog.ts';
export * from './accounts.ts';
export * from './caseMeetings.ts';
export * from './documents.ts';
export * from './organisations.ts';
export * from './plans.ts';
export * from './requests.ts';
export * from './students.ts';
