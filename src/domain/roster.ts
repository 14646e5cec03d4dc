// A school's roster as its administration system exports it (EDEXML), compared with the children
// Passend holds for that school (docs/domain.md, "Rosters from the school's system"). Pure: the
// import reads the file and writes the changes; this decides what the changes are.

/** One pupil of the file, in Passend's terms. Fields the file leaves out are null. */
export type RosterPupil = {
  /** The school system's own key (EDEXML leerling/@key): unique within the school. */
  key: string;
  /** The pupil's ECK iD (EDEXML 2.1), when the system sends it. */
  eckId: string | null;
  givenName: string | null;
  familyNamePrefix: string;
  familyName: string | null;
  birthDate: string | null;
  groupName: string;
  /** The day the pupil left the school (uitstroomdatum), when the file says so. */
  leftOn: string | null;
};

/** A child Passend holds at the school. */
export type KnownPupil = {
  id: string;
  schoolKey: string | null;
  eckId: string | null;
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  birthDate: string;
  groupName: string;
  leftOn: string | null;
};

/** The fields an import keeps up to date; the rest of the child's file is Passend's own. */
export const rosterFields = [
  'schoolKey',
  'eckId',
  'givenName',
  'familyNamePrefix',
  'familyName',
  'birthDate',
  'groupName',
  'leftOn',
] as const;
export type RosterField = (typeof rosterFields)[number];
export type RosterValues = Pick<KnownPupil, RosterField>;

export type SkipReason =
  | 'no_family_name'
  | 'no_given_name'
  | 'no_birth_date'
  | 'duplicate_key'
  /** Left the school before the import, and never in Passend: no file to make. */
  | 'already_left';

export type RosterChanges = {
  added: RosterValues[];
  changed: { id: string; before: RosterValues; after: RosterValues; fields: RosterField[] }[];
  /** Children of the school's system no longer in the file, marked as left on `today` (never deleted). */
  left: { id: string; before: RosterValues; leftOn: string }[];
  /** Children typed in by hand (no key) that the file did not match: shown to check, not changed. */
  notInFile: { id: string }[];
  unchanged: number;
  /** Pupils of the file that cannot be a child's file: a required field is missing. */
  skipped: { key: string; reason: SkipReason }[];
};

const valuesOf = (pupil: KnownPupil): RosterValues => ({
  schoolKey: pupil.schoolKey,
  eckId: pupil.eckId,
  givenName: pupil.givenName,
  familyNamePrefix: pupil.familyNamePrefix,
  familyName: pupil.familyName,
  birthDate: pupil.birthDate,
  groupName: pupil.groupName,
  leftOn: pupil.leftOn,
});

const identityOf = (p: { givenName: string; familyName: string; birthDate: string }) =>
  `${p.givenName.toLowerCase()}|${p.familyName.toLowerCase()}|${p.birthDate}`;

/**
 * What an import of `file` changes at a school holding `known`. A pupil is matched on the school's
 * key, then on the ECK iD, then — for a child typed in by hand, with no key yet — on name and birth
 * date when exactly one child fits. Importing the same file twice changes nothing the second time.
 */
export function rosterChanges(
  known: readonly KnownPupil[],
  file: readonly RosterPupil[],
  today: string,
): RosterChanges {
  const byKey = new Map(known.filter((p) => p.schoolKey).map((p) => [p.schoolKey!, p]));
  const byEck = new Map(known.filter((p) => p.eckId).map((p) => [p.eckId!, p]));
  const byIdentity = new Map<string, KnownPupil[]>();
  for (const pupil of known.filter((p) => !p.schoolKey)) {
    const list = byIdentity.get(identityOf(pupil)) ?? [];
    list.push(pupil);
    byIdentity.set(identityOf(pupil), list);
  }
  const changes: RosterChanges = {
    added: [],
    changed: [],
    left: [],
    notInFile: [],
    unchanged: 0,
    skipped: [],
  };
  const matched = new Set<string>();
  const seenKeys = new Set<string>();
  for (const pupil of file) {
    if (seenKeys.has(pupil.key)) {
      changes.skipped.push({ key: pupil.key, reason: 'duplicate_key' });
      continue;
    }
    seenKeys.add(pupil.key);
    const missing: SkipReason | null =
      pupil.familyName === null
        ? 'no_family_name'
        : pupil.givenName === null
          ? 'no_given_name'
          : pupil.birthDate === null
            ? 'no_birth_date'
            : null;
    if (missing) {
      changes.skipped.push({ key: pupil.key, reason: missing });
      continue;
    }
    const after: RosterValues = {
      schoolKey: pupil.key,
      eckId: pupil.eckId,
      givenName: pupil.givenName!,
      familyNamePrefix: pupil.familyNamePrefix,
      familyName: pupil.familyName!,
      birthDate: pupil.birthDate!,
      groupName: pupil.groupName,
      leftOn: pupil.leftOn,
    };
    const candidates = byIdentity.get(identityOf(after as KnownPupil)) ?? [];
    const match =
      byKey.get(pupil.key) ??
      (pupil.eckId ? byEck.get(pupil.eckId) : undefined) ??
      (candidates.length === 1 ? candidates[0] : undefined);
    if (!match || matched.has(match.id)) {
      if (after.leftOn !== null && after.leftOn <= today)
        changes.skipped.push({ key: pupil.key, reason: 'already_left' });
      else changes.added.push(after);
      continue;
    }
    matched.add(match.id);
    const before = valuesOf(match);
    // A file without an ECK iD (before EDEXML 2.1) keeps the one Passend has.
    if (after.eckId === null) after.eckId = before.eckId;
    const fields = rosterFields.filter((field) => before[field] !== after[field]);
    if (fields.length === 0) changes.unchanged += 1;
    else changes.changed.push({ id: match.id, before, after, fields });
  }
  for (const pupil of known) {
    if (matched.has(pupil.id) || pupil.leftOn !== null) continue;
    if (pupil.schoolKey === null) changes.notInFile.push({ id: pupil.id });
    else changes.left.push({ id: pupil.id, before: valuesOf(pupil), leftOn: today });
  }
  return changes;
}

/** A teacher of the file: its key, name, e-mail (when the school system exports one) and groups. */
export type RosterTeacher = { key: string; name: string; email: string | null; groupNames: string[] };

/** A teacher's account in Passend at the school: the groups of its teacher memberships there. */
export type TeacherAccount = { email: string; displayName: string; groupNames: string[] };

export type TeacherMatches = {
  /** Teachers whose account has exactly the file's groups. */
  sameGroups: number;
  differentGroups: { name: string; email: string; fileGroups: string[]; passendGroups: string[] }[];
  /** Teachers of the file with no teacher account at the school (by e-mail), or without e-mail. */
  withoutAccount: { name: string; email: string | null }[];
};

const groupKey = (name: string) => name.trim().toLocaleLowerCase('nl');
const sameGroups = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a.map(groupKey));
  const right = new Set(b.map(groupKey));
  return left.size === right.size && [...left].every((name) => right.has(name));
};

/**
 * The file's teachers against the teacher accounts of the school, matched by e-mail (case does
 * not count). Passend changes no account from a file: who reads which group's children is the
 * administrator's decision, under the four-eyes rule; this tells the school what to ask for.
 */
export function teacherMatches(
  teachers: readonly RosterTeacher[],
  accounts: readonly TeacherAccount[],
): TeacherMatches {
  const byEmail = new Map(accounts.map((account) => [account.email.toLowerCase(), account]));
  const matches: TeacherMatches = { sameGroups: 0, differentGroups: [], withoutAccount: [] };
  for (const teacher of teachers) {
    const account = teacher.email ? byEmail.get(teacher.email.toLowerCase()) : undefined;
    if (!account) matches.withoutAccount.push({ name: teacher.name, email: teacher.email });
    else if (sameGroups(teacher.groupNames, account.groupNames)) matches.sameGroups += 1;
    else
      matches.differentGroups.push({
        name: teacher.name,
        email: account.email,
        fileGroups: [...teacher.groupNames].sort(),
        passendGroups: [...account.groupNames].sort(),
      });
  }
  return matches;
}
