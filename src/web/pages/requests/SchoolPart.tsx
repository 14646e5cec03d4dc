// What the school asks: the missing items first (before the request is complete, with where each
// is put right), then the school's text — a form while the school may still change it (a draft,
// or sent back as incomplete), read-only otherwise. Saving carries the revision the form started
// from; a colleague's save in between is a conflict, and the user chooses to load the newer text.

import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, type MouseEvent, useState } from 'react';
import { UpdateRequestBody } from '../../../contracts/requests.ts';
import type { RequiredItem } from '../../../domain/requestTypes.ts';
import { Link } from '../../app/router.tsx';
import {
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  type FieldErrors,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import {
  type Request,
  refusalOf,
  requestErrors,
  requestKeys,
  requestPage,
  useRequestChange,
} from './data.ts';
import { Part } from './parts.tsx';

/** Until it is complete, a request shows what it still lacks. */
const beforeComplete = new Set(['draft', 'submitted', 'incomplete', 'supplemented']);

export function SchoolPart({ request, onDone }: { request: Request; onDone: (feedback: Feedback) => void }) {
  const { t } = useI18n();
  return (
    <>
      {beforeComplete.has(request.state) && <Missing request={request} />}
      <Part id="request-question" title={t('requests.question.title')}>
        {request.permissions.edit ? (
          // A new revision (a save, a step, a newer version loaded) starts the form from the server's text.
          <RequestForm key={request.revision} request={request} onDone={onDone} />
        ) : (
          <RequestText request={request} />
        )}
      </Part>
    </>
  );
}

/** Where each missing item is put right: a part of the child's file, a field below, another request. */
function useFixOf(request: Request) {
  const { t } = useI18n();
  const child = request.student;
  const file = (tab: string) => (child ? `/students/${encodeURIComponent(child.id)}/${tab}` : null);
  const edit = request.permissions.edit;
  return (item: RequiredItem): { href: string | null; text: string } => {
    switch (item) {
      case 'plan_picture':
      case 'plan_goals':
        return { href: file('plan'), text: t('requests.fix.plan', { name: child?.name ?? '' }) };
      case 'parents_consent':
        return { href: file('consent'), text: t('requests.fix.consent') };
      case 'parents_view':
        return edit
          ? { href: '#field-parentsView', text: t('requests.fix.parentsView') }
          : { href: null, text: t('requests.fix.parentsViewOther') };
      case 'previous_evaluation':
        return request.extendsRequestId
          ? { href: requestPage(request.extendsRequestId), text: t('requests.fix.previous') }
          : { href: null, text: t('requests.fix.previousNone') };
      case 'two_expert_advices':
        return { href: '#request-advices', text: t('requests.fix.advices') };
      case 'planned_return':
        return edit
          ? { href: '#field-plannedReturnOn', text: t('requests.fix.plannedReturn') }
          : { href: null, text: t('requests.fix.bySchool') };
      case 'team_question':
        return edit
          ? { href: '#field-teamQuestion', text: t('requests.fix.teamQuestion') }
          : { href: null, text: t('requests.fix.bySchool') };
    }
  };
}

/** A link to a field or part on this page puts focus there, as the error summary's links do. */
function focusTarget(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(event.currentTarget.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  if (!target.matches('input, textarea, select')) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

function Missing({ request }: { request: Request }) {
  const { t } = useI18n();
  const fixOf = useFixOf(request);
  if (request.missing.length === 0) {
    return (
      <Alert type="ok" role="note">
        <Paragraph>{t('requests.missing.none')}</Paragraph>
      </Alert>
    );
  }
  return (
    <section aria-labelledby="request-missing-heading" className="passend-request-missing">
      {/* Part of the page, not news: a note, which screen readers do not interrupt with. */}
      <Alert type="warning" role="note">
        <Heading level={2} id="request-missing-heading">
          {t('requests.missing.title', { count: request.missing.length })}
        </Heading>
        <Paragraph>
          {t(request.state === 'draft' ? 'requests.missing.introDraft' : 'requests.missing.intro')}
        </Paragraph>
        <UnorderedList>
          {request.missing.map((item) => {
            const fix = fixOf(item);
            return (
              <UnorderedListItem key={item}>
                <strong>{t(`request.item.${item}`)}</strong>
                {'. '}
                {fix.href ? (
                  fix.href.startsWith('#') ? (
                    <a className="utrecht-link" href={fix.href} onClick={focusTarget}>
                      {fix.text}
                    </a>
                  ) : (
                    <Link className="utrecht-link" href={fix.href}>
                      {fix.text}
                    </Link>
                  )
                ) : (
                  fix.text
                )}
              </UnorderedListItem>
            );
          })}
        </UnorderedList>
      </Alert>
    </section>
  );
}

/** The school's text as it stands, for whoever may not (or no longer) change it. */
export function RequestText({ request }: { request: Request }) {
  const { t, formatDate } = useI18n();
  const rows: Array<[MessageKey, string]> = [];
  if (request.type.subject === 'team') rows.push(['requests.field.teamQuestion', request.teamQuestion]);
  else {
    rows.push(['requests.field.question', request.question]);
    rows.push(['requests.field.triedSoFar', request.triedSoFar]);
    rows.push(['requests.field.parentsView', request.parentsView]);
  }
  if (request.type.hasCategory)
    rows.push(['requests.field.category', request.category ? t(`request.category.${request.category}`) : '']);
  if (needsReturn(request))
    rows.push([
      'requests.field.plannedReturnOn',
      request.plannedReturnOn ? formatDate(request.plannedReturnOn) : '',
    ]);
  return (
    <dl className="passend-request-text">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value || t('requests.notGiven')}</dd>
        </div>
      ))}
      {request.extendsRequestId && (
        <div>
          <dt>{t('requests.field.extends')}</dt>
          <dd>
            <Link className="utrecht-link" href={requestPage(request.extendsRequestId)}>
              {t('requests.field.extendsLink')}
            </Link>
          </dd>
        </div>
      )}
    </dl>
  );
}

const needsReturn = (request: Request) => request.type.required.includes('planned_return');

/** Save, or save and send: a draft is submitted, a request sent back is supplemented. */
function RequestForm({ request, onDone }: { request: Request; onDone: (feedback: Feedback) => void }) {
  const { t } = useI18n();
  const change = useRequestChange();
  const client = useQueryClient();
  const [values, setValues] = useState({
    question: request.question,
    triedSoFar: request.triedSoFar,
    parentsView: request.parentsView,
    teamQuestion: request.teamQuestion,
    category: request.category ?? '',
    plannedReturnOn: request.plannedReturnOn ?? '',
  });
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    errorsOf: (caught): FieldErrors => requestErrors(caught, () => errorsFromResponse(caught)),
  });
  const sendStep = (['submit', 'supplement'] as const).find((step) =>
    request.permissions.steps.includes(step),
  );
  const team = request.type.subject === 'team';

  const save = (andSend: boolean) => {
    const input = {
      revision: request.revision,
      ...(team
        ? { teamQuestion: values.teamQuestion }
        : { question: values.question, triedSoFar: values.triedSoFar, parentsView: values.parentsView }),
      ...(request.type.hasCategory ? { category: values.category || null } : {}),
      ...(needsReturn(request) ? { plannedReturnOn: values.plannedReturnOn || null } : {}),
    };
    void submit(UpdateRequestBody, input, async (body) => {
      const saved = await change('PATCH', request, '', body);
      if (!andSend || !sendStep) return onDone({ ok: true, text: t('requests.saved') });
      // Saved either way; a refused step is said above the page, as the form starts anew.
      try {
        await change('POST', saved, '/steps', { step: sendStep, revision: saved.revision });
        onDone({ ok: true, text: t(`requests.done.${sendStep}`) });
      } catch (caught) {
        onDone({ ok: false, text: `${t('requests.savedNotSent')} ${t(refusalOf(caught))}` });
      }
    });
  };
  const conflict = errors?.[''] === 'requests.error.conflict';

  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      aria-label={t('requests.form.label')}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save(false);
      }}
    >
      <ErrorSummary errors={errors} />
      {conflict && (
        <Button
          appearance="secondary-action-button"
          onClick={() => void client.invalidateQueries({ queryKey: requestKeys.request(request.id) })}
        >
          {t('requests.reload')}
        </Button>
      )}
      {team ? (
        <TextAreaField
          path="teamQuestion"
          label={t('requests.field.teamQuestion')}
          description={t('requests.field.teamQuestionHint')}
          value={values.teamQuestion}
          error={errors?.teamQuestion}
          onChange={set('teamQuestion')}
        />
      ) : (
        <>
          <TextAreaField
            path="question"
            label={t('requests.field.question')}
            description={t('requests.field.questionHint')}
            rows={5}
            value={values.question}
            error={errors?.question}
            onChange={set('question')}
          />
          <TextAreaField
            path="triedSoFar"
            label={t('requests.field.triedSoFar')}
            description={t('requests.field.triedSoFarHint')}
            value={values.triedSoFar}
            error={errors?.triedSoFar}
            onChange={set('triedSoFar')}
          />
          <TextAreaField
            path="parentsView"
            label={t('requests.field.parentsView')}
            description={t('requests.field.parentsViewHint')}
            value={values.parentsView}
            error={errors?.parentsView}
            onChange={set('parentsView')}
          />
        </>
      )}
      {request.type.hasCategory && (
        <SelectField
          path="category"
          label={t('requests.field.category')}
          description={t('requests.field.categoryHint')}
          placeholder={t('requests.choose')}
          value={values.category}
          options={(['low', 'medium', 'high'] as const).map((value) => ({
            value,
            label: t(`request.category.${value}`),
          }))}
          error={errors?.category}
          onChange={set('category')}
        />
      )}
      {needsReturn(request) && (
        <TextField
          path="plannedReturnOn"
          type="date"
          label={t('requests.field.plannedReturnOn')}
          description={t('requests.field.plannedReturnOnHint')}
          value={values.plannedReturnOn}
          error={errors?.plannedReturnOn}
          onChange={set('plannedReturnOn')}
        />
      )}
      <div className="passend-student-actions">
        <Button
          type="submit"
          appearance={sendStep ? 'secondary-action-button' : 'primary-action-button'}
          disabled={busy}
        >
          {t('requests.save')}
        </Button>
        {sendStep && (
          <Button appearance="primary-action-button" disabled={busy} onClick={() => save(true)}>
            {t(`requests.saveAnd.${sendStep}`)}
          </Button>
        )}
      </div>
    </form>
  );
}
