// One request (/requests/:requestId): who it is for and where it stands (number, type, child,
// school, state, the clock), then what the user may do now, as the server's permissions say: the
// school fills it in and sees what is still missing, the SWV takes the steps, advises, decides and
// assigns, and whoever runs a granted arrangement logs what was delivered. The timeline at the end
// is read-only. A parent reads the same request in plain words (ParentRequest.tsx).
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from '../../app/router.tsx';
import { type Feedback, FeedbackMessage } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ObjectionPart } from '../objections/ObjectionPart.tsx';
import { Breadcrumbs } from '../student/Breadcrumbs.tsx';
import { RecordStates } from '../student/Refusal.tsx';
import { Advices } from './Advices.tsx';
import { Assignment } from './Assignment.tsx';
import { DecisionPart } from './Decision.tsx';
import { Deliveries } from './Deliveries.tsx';
import { type Request, useRequest } from './data.ts';
import { ParentRequest } from './ParentRequest.tsx';
import { ClockText, StateBadge } from './parts.tsx';
import { SchoolPart } from './SchoolPart.tsx';
import { Steps } from './Steps.tsx';
import { Timeline } from './Timeline.tsx';
import '../student/student.css';
import './requests.css';

export default function RequestPage({ params }: { params: Record<string, string> }) {
  const id = params.requestId ?? '';
  const query = useRequest(id);
  return <RecordStates query={query}>{(request) => <RequestDetail request={request} />}</RecordStates>;
}

function RequestDetail({ request }: { request: Request }) {
  const { t } = useI18n();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const asParent = request.permissions.asParent;
  const title = t('requests.page.title', { type: request.type.name, number: request.number });
  const child = request.student;
  return (
    <div className="passend-request">
      <Breadcrumbs
        trail={[
          ...(child
            ? [
                {
                  href: `/students/${encodeURIComponent(child.id)}/requests`,
                  label: t('requests.breadcrumb.child', { name: child.name }),
                },
              ]
            : []),
          { href: `/requests/${encodeURIComponent(request.id)}`, label: title },
        ]}
      />
      <Heading level={1}>{title}</Heading>
      <Facts request={request} asParent={asParent} />
      {/* A granted decision may leave the child waiting for a place (docs/domain.md, "Places and waiting lists"). */}
      {child &&
        !asParent &&
        (request.decision?.outcome === 'granted' || request.decision?.outcome === 'partly_granted') && (
          <Paragraph>
            <Link href={`/students/${encodeURIComponent(child.id)}/waiting`} className="utrecht-link">
              {t('cap.request.link', { name: child.name })}
            </Link>
          </Paragraph>
        )}
      <FeedbackMessage feedback={feedback} />
      {asParent ? (
        <ParentRequest request={request} onDone={setFeedback} />
      ) : (
        <>
          <SchoolPart request={request} onDone={setFeedback} />
          <Steps request={request} onDone={setFeedback} />
          <Advices request={request} onDone={setFeedback} />
          <DecisionPart request={request} onDone={setFeedback} />
          <Deliveries request={request} onDone={setFeedback} />
          <ObjectionPart
            requestId={request.id}
            decided={request.decision !== null}
            asParent={false}
            onDone={setFeedback}
          />
          <Assignment request={request} onDone={setFeedback} />
          <Timeline request={request} />
        </>
      )}
    </div>
  );
}

function Facts({ request, asParent }: { request: Request; asParent: boolean }) {
  const { t } = useI18n();
  const child = request.student;
  return (
    <dl className="passend-student-facts passend-request-facts">
      {child && (
        <div>
          <dt>{t('requests.fact.child')}</dt>
          <dd>
            <Link href={`/students/${encodeURIComponent(child.id)}`} className="utrecht-link">
              {child.name}
            </Link>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('requests.fact.school')}</dt>
        <dd>{request.school.name}</dd>
      </div>
      <div>
        <dt>{t('requests.fact.state')}</dt>
        <dd>
          <StateBadge request={request} />
        </dd>
      </div>
      <div>
        <dt>{t(asParent ? 'requests.fact.clockParent' : 'requests.fact.clock')}</dt>
        <dd>{asParent ? <ParentClock request={request} /> : <ClockText request={request} />}</dd>
      </div>
      {!asParent && (
        <>
          <div>
            <dt>{t('requests.fact.requestedBy')}</dt>
            <dd>{request.requestedBy.name}</dd>
          </div>
          <div>
            <dt>{t('requests.fact.assignedTo')}</dt>
            <dd>{request.assignedTo?.name ?? t('requests.assign.nobody')}</dd>
          </div>
        </>
      )}
    </dl>
  );
}

/** For a parent: when the decision came or will come, without the clock's terms. */
function ParentClock({ request }: { request: Request }) {
  const { t, formatDate } = useI18n();
  if (request.decision)
    return <>{t('requests.parent.decidedOnShort', { date: formatDate(request.decision.decidedOn) })}</>;
  if (request.state === 'withdrawn') return <>{t('requests.parent.noDecision')}</>;
  if (request.clock.deadlineOn)
    return <>{t('requests.parent.byDate', { date: formatDate(request.clock.deadlineOn) })}</>;
  return <>{t('requests.parent.notKnown')}</>;
}
