// The child's file's reads, typed by the shared contracts. Query keys start with the child's id,
// so a change to the child refreshes everything shown of it.
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { StudentFileView } from '../../../contracts/students.ts';
import { api } from '../../app/api.ts';

/** The child as the file shows it, with what the user may see and do there. */
export type Student = z.infer<typeof StudentFileView>;

export const studentKeys = {
  student: (id: string) => ['student', id] as const,
  history: (id: string) => ['student', id, 'history'] as const,
  accessLog: (id: string, view: { from: string; to: string; before: string; own: boolean }) =>
    ['student', id, 'access-log', view] as const,
  list: (schoolId: string) => ['school', schoolId, 'students'] as const,
};

export const studentPath = (id: string) => `/api/students/${encodeURIComponent(id)}`;

/**
 * The child, read once per page visit: the app starts this read with the page's code
 * (app/App.tsx); the page then uses that answer rather than reading (and logging) it again.
 */
export const studentQuery = (id: string) =>
  queryOptions({
    queryKey: studentKeys.student(id),
    queryFn: () => api<typeof StudentFileView>('GET', studentPath(id)),
    staleTime: 10_000,
    // A refusal is an answer too: reading again on mount would log a second refusal.
    retryOnMount: false,
  });

export const useStudent = (id: string) => useQuery(studentQuery(id));

/** After a change: read the child (header, every tab) and the school's list again. */
export function useRefreshStudent() {
  const client = useQueryClient();
  return async (student: Pick<Student, 'id' | 'schoolId'>) => {
    await Promise.all([
      client.invalidateQueries({ queryKey: ['student', student.id] }),
      client.invalidateQueries({ queryKey: studentKeys.list(student.schoolId) }),
    ]);
  };
}
