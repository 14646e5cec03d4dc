// Which roles the web app offers the children's pages to. The server decides every access per
// child; these only decide which pages, tabs and links a user is shown.
import type { Role } from '../../../domain/roles.ts';

/** May open a child's file at all (docs/domain.md): school staff, consultants, partners, parents. */
export const fileReaders: readonly Role[] = [
  'school_ib',
  'school_director',
  'teacher',
  'consultant',
  'partner',
  'parent',
];

/** May read a school's list of children. */
export const listReaders: readonly Role[] = ['school_ib', 'school_director', 'teacher', 'consultant'];
