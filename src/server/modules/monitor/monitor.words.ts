// The monitor's words in Dutch for the yearly report and the public dataset: the same words the
// monitor page shows (src/web/i18n), read from the web app's Dutch messages so the two never differ.
import type { FigureView, MonitorView } from '../../../contracts/monitor.ts';
import { nl } from '../../../web/i18n/nl.ts';

const message = (key: string): string | undefined => (nl as Record<string, string>)[key];

/** A dimension of a figure as a reader calls it. */
const dimensionNames: Record<string, string> = {
  type: 'Soort aanvraag',
  outcome: 'Uitkomst',
  reason: 'Reden',
  category: 'Categorie',
  effect: 'Effect',
  kind: 'Soort',
  bucket: 'Duur',
  offer: 'Aanbod',
  ending: 'Afloop',
  state: 'Stand',
  movement: 'Beweging',
  clock: 'Soort aanvraag',
  opdc: 'Stand op 31 juli',
  origin: 'Vandaan',
  risk: 'Overdracht',
  move: 'Stand op 31 juli',
  place: 'Plek',
  wait: 'Wachttijd',
  respondent: 'Wie',
};

export const dimensionName = (dimension: string): string => dimensionNames[dimension] ?? dimension;

/** Labels for a figure's values; `figure` tells which words an outcome or kind takes. */
export function valueLabeller(view: MonitorView) {
  const typeNames = new Map(view.options.requestTypes.map((r) => [r.code, r.name]));
  const key = (k: string, fallback: string) => message(k) ?? fallback;
  const mon = (v: string) => key(`mon.v.${v}`, v);
  const byDimension: Record<string, (v: string, figure: string) => string> = {
    type: (v) => typeNames.get(v) ?? v,
    outcome: (v, figure) => {
      if (v === 'withdrawn' || v === 'open') return mon(v);
      if (figure === 'objections') return key(`obj.outcome.${v}`, v);
      if (figure === 'disputes') return key(`obj.dispute.outcome.${v}`, v);
      return key(`request.outcome.${v}`, v);
    },
    reason: (v) => key(`request.reason.${v}`, v),
    category: (v) => (v === 'none' ? 'zonder categorie' : key(`cap.category.${v}`, v)),
    effect: (v) => (v === 'not_evaluated' ? mon(v) : key(`request.evaluation.${v}`, v)),
    kind: (v, figure) => (figure === 'signals' ? key(`obj.signal.kind.${v}`, v) : key(`abs.kind.${v}`, v)),
    bucket: (v) => key(`abs.bucket.${v}`, v),
    offer: mon,
    ending: (v) => key(`abs.ending.${v}`, v),
    state: (v) => key(`obj.complaint.state.${v}`, v),
    movement: mon,
    opdc: (v) => mon(v === 'placed' ? 'still_placed' : v),
    origin: (v) => (v === 'other_swv' ? mon(v) : key(`cap.kind.${v}`, v)),
    risk: mon,
    move: (v) => mon(v === 'placed' || v === 'not_placed' ? `move_${v}` : v),
    place: (v) => key(`cap.kind.${v}`, v),
    wait: (v) => key(`cap.bucket.${v}`, v),
    respondent: mon,
  };
  return (figure: string, dimension: string, value: string): string =>
    value === '*' ? 'totaal' : (byDimension[dimension]?.(value, figure) ?? value);
}

/** A school kind as the page names it ("Speciaal basisonderwijs (SBO)"). */
export const schoolKindName = (kind: string): string => message(`home.kind.${kind}`) ?? kind;

/** The count of one cell of a figure, `*` for a total over a dimension. */
export function cellCount(figure: FigureView, nodes: readonly string[]): number | null {
  return figure.cells.find((c) => c.nodes.every((n, i) => n === nodes[i]))?.count ?? null;
}

/** "1.234" or "verborgen": a count as the report prints it. */
export function countText(count: number | null): string {
  return count === null ? 'verborgen' : new Intl.NumberFormat('nl-NL').format(count);
}

/** "20,8" */
export function numberText(value: number | null, digits = 1): string {
  return value === null
    ? 'verborgen'
    : new Intl.NumberFormat('nl-NL', { maximumFractionDigits: digits }).format(value);
}

export const euroText = (cents: number): string =>
  new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    cents / 100,
  );
