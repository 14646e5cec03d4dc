// A domain rule's "no": which rule, a message safe to show, and what the page needs to explain it.
// Rules return a refusal (or null) and never throw; the use-case runner answers it with 422
// `rule_violated`, details `{ rule, ...details }` (docs/architecture.md, "Writing a module").

const refusalMark: unique symbol = Symbol('refusal');

export type Refusal<R extends string = string> = {
  readonly rule: R;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Set by `refuse` only, so a use case's result is never mistaken for a refusal. */
  readonly [refusalMark]: true;
};

export function refuse<R extends string>(
  rule: R,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): Refusal<R> {
  return details === undefined
    ? { rule, message, [refusalMark]: true }
    : { rule, message, details, [refusalMark]: true };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && refusalMark in value;
}
