// What other modules may ask the requests module to do: start a new SWV's catalogue of request
// types from the defaults of its sector (docs/domain.md, "Requests and decisions").
import { uuidv7 } from 'uuidv7';
import type { Sector } from '../../../domain/organisation.ts';
import { defaultRequestTypesFor } from '../../../domain/requestTypes.ts';
import type { Queryable } from '../../db/client.ts';
import { requestType } from '../../db/schema/index.ts';

export async function startRequestCatalogue(tx: Queryable, swvId: string, sector: Sector): Promise<void> {
  await tx.insert(requestType).values(
    defaultRequestTypesFor(sector).map((type, position) => ({
      swvId,
      id: uuidv7(),
      code: type.code,
      name: type.name,
      subject: type.subject,
      required: [...type.required],
      deadlineDays: null,
      crisis: type.crisis,
      hasCategory: type.hasCategory,
      isTlv: type.isTlv,
      decidedBy: type.decidedBy,
      position,
    })),
  );
}
