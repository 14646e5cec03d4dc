// Places and waiting lists (docs/domain.md, "Places and waiting lists"): places per school or
// provider and school year, the waiting list, a child's waits, and the count on a reference date.
// Bodies are strict.
import { z } from 'zod';
import { placeCategories, placeKinds, waitEndings, waitingBuckets } from '../domain/capacity.ts';
import { CalendarDate, Id, Name, SchoolYear, Text } from './common.ts';

/** A count of places; the rule (src/domain/capacity.ts) says how many are sensible. */
const Places = z.number().int().min(0).max(1_000_000);

export const CapacityQuery = z.strictObject({ schoolYear: SchoolYear.optional() });

export const SetPlacesBody = z
  .strictObject({
    schoolYear: SchoolYear,
    schoolId: Id.optional(),
    providerId: Id.optional(),
    category: z.enum(placeCategories),
    places: Places,
    taken: Places,
  })
  .refine((body) => (body.schoolId === undefined) !== (body.providerId === undefined), {
    message: 'name a school or a provider, not both',
    path: ['schoolId'],
  });

export const CreateProviderBody = z.strictObject({ name: Name });

const PlaceRow = z.object({
  category: z.enum(placeCategories),
  /** Null while nobody entered the places for this year. */
  places: z.number().int().nullable(),
  taken: z.number().int().nullable(),
  /** Children waiting today (open entries); null for those who see counts only and it is small. */
  waiting: z.number().int().nullable(),
  /** Placed through the waiting list this school year. */
  placed: z.number().int().nullable(),
});

export const CapacityView = z.object({
  schoolYear: z.string(),
  places: z.array(
    z.object({
      /** The school or provider. */
      id: z.string(),
      name: z.string(),
      kind: z.enum(placeKinds),
      rows: z.array(PlaceRow),
      mayEdit: z.boolean(),
    }),
  ),
  permissions: z.object({ addProvider: z.boolean() }),
});

export const ProviderView = z.object({ id: z.string(), name: z.string() });

export const WaitingListQuery = z.strictObject({
  /** The school or provider waited for. */
  placeId: Id.optional(),
  kind: z.enum(placeKinds).optional(),
  /** Waiting since this day or earlier. */
  since: CalendarDate.optional(),
  state: z.enum(['open', 'ended']).default('open'),
});

export const WaitingEntryView = z.object({
  id: z.string(),
  student: z.object({ id: z.string(), name: z.string(), schoolName: z.string() }),
  request: z.object({ id: z.string(), number: z.string(), typeName: z.string() }).nullable(),
  place: z.object({ id: z.string(), name: z.string(), kind: z.enum(placeKinds) }),
  category: z.enum(placeCategories),
  since: z.string(),
  promisedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  ending: z.enum(waitEndings).nullable(),
  /** The staff's note; null for a reader the policy does not give it (the parents: `waiting_note`). */
  note: z.string().nullable(),
  /** Derived on the server's day (src/domain/capacity.ts). */
  waitingDays: z.number().int(),
  bucket: z.enum(waitingBuckets),
  longWait: z.boolean(),
  mayChange: z.boolean(),
});

export const WaitingList = z.object({ entries: z.array(WaitingEntryView) });

export const StudentWaits = z.object({
  entries: z.array(WaitingEntryView),
  /** What the form offers: special schools and providers, and the child's decided requests. */
  choices: z
    .object({
      places: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(placeKinds) })),
      requests: z.array(
        z.object({
          id: z.string(),
          number: z.string(),
          typeName: z.string(),
          category: z.enum(placeCategories),
        }),
      ),
    })
    .nullable(),
});

export const CreateWaitBody = z
  .strictObject({
    requestId: Id.nullable().default(null),
    schoolId: Id.optional(),
    providerId: Id.optional(),
    category: z.enum(placeCategories),
    since: CalendarDate,
    promisedOn: CalendarDate.nullable().default(null),
    note: Text(2000).default(''),
  })
  .refine((body) => (body.schoolId === undefined) !== (body.providerId === undefined), {
    message: 'name a school or a provider, not both',
    path: ['schoolId'],
  });

export const UpdateWaitBody = z.strictObject({
  promisedOn: CalendarDate.nullable().optional(),
  note: Text(2000).optional(),
  end: z.strictObject({ ending: z.enum(waitEndings), on: CalendarDate }).optional(),
});

export const WaitParams = z.strictObject({ entryId: Id });

export const WaitingCountQuery = z.strictObject({ on: CalendarDate.optional() });

const Count = z.number().int().nullable();

export const WaitingCountView = z.object({
  on: z.string(),
  /** The smallest count shown; smaller ones are hidden for those who see counts only. */
  threshold: z.number().int(),
  smallCellsHidden: z.boolean(),
  total: Count,
  byKind: z.array(z.object({ kind: z.enum(placeKinds), category: z.enum(placeCategories), count: Count })),
  byBucket: z.array(z.object({ bucket: z.enum(waitingBuckets), count: Count })),
  byPromise: z.array(z.object({ promised: z.boolean(), count: Count })),
  byPlace: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(placeKinds), count: Count })),
});
