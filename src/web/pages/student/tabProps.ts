// What a tab page of a child's file receives. A leaf: the tab pages take it from here, not from
// tabs.ts, which imports them (test/layers.test.ts forbids import cycles).
import type { z } from 'zod';
import type { StudentFileView } from '../../../contracts/students.ts';
import type { Me } from '../../app/session.ts';

export type StudentTabProps = { student: z.infer<typeof StudentFileView>; me: Me };
