// The child: the minimal personal data the file needs (DESIGN §2 "Student"), and the access log
// view that parents and staff read.
import { z } from 'zod';
import { CalendarDate, Name, Text } from './common.ts';

export const SupportLevel = z.number().int().min(1).max(4);

export const StudentView = z.object({
  id: z.string(),
  schoolId: z.string(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  schoolKey: z.string().nullable(),
  groupName: z.string(),
  supportLevel: z.number().int(),
});

export const StudentListQuery = z.strictObject({
  q: Text(100).optional(),
  group: Text(20).optional(),
  supportLevel: z.coerce.number().int().min(1).max(4).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const StudentList = z.object({ total: z.number().int(), students: z.array(StudentView) });

export const SchoolParams = z.strictObject({ schoolId: z.uuid() });

const studentFields = {
  givenName: Name,
  familyNamePrefix: Text(30),
  familyName: Name,
  birthDate: CalendarDate,
  schoolKey: Text(64).nullable(),
  groupName: Text(20),
};

export const CreateStudentBody = z.strictObject({
  ...studentFields,
  familyNamePrefix: studentFields.familyNamePrefix.default(''),
  schoolKey: studentFields.schoolKey.default(null),
  groupName: studentFields.groupName.default(''),
});

// Updates change only what they name: no defaults here (a default would overwrite).
export const UpdateStudentBody = z.strictObject(studentFields).partial();

export const AccessLogQuery = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AccessLogEntryView = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  organisation: z.string(),
  action: z.string(),
  objectType: z.string(),
  part: z.string().nullable(),
  outcome: z.string(),
  purpose: z.string(),
});
