// The application: providers, the routes, and which pages need a signed-in user. A route's code,
// the session and the route's first data are requested together, before the code has arrived.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, Suspense, use, useEffect } from 'react';
import { type Role, roles } from '../../domain/roles.ts';
import { Layout } from '../components/Layout.tsx';
import { LoadingState } from '../components/States.tsx';
import { I18nProvider, loadLanguage, storedLanguage } from '../i18n/index.tsx';
import { studentQuery } from '../pages/student/data.ts';
import { handleUnauthenticated } from './api.ts';
import { matchPath, navigate, useLocation } from './router.tsx';
import { hasSessionHint, type Me, sessionKey, sessionQuery, useSession } from './session.ts';

type PageProps = { params: Record<string, string> };
type Page = ComponentType<PageProps> & { load: () => Promise<unknown> };

/**
 * A page whose code loads with its route, like React's lazy, plus `load` to start the download
 * before it renders; once loaded it renders at once, without a pass through the loading state.
 */
function lazy(load: () => Promise<{ default: ComponentType<PageProps> }>): Page {
  let Loaded: ComponentType<PageProps> | null = null;
  let loading: Promise<unknown> | null = null;
  const start = () =>
    (loading ??= load().then((module) => {
      Loaded = module.default;
    }));
  function LazyPage(props: PageProps) {
    if (!Loaded) use(start());
    return Loaded ? <Loaded {...props} /> : null;
  }
  return Object.assign(LazyPage, { load: start });
}

type Route = {
  path: string;
  page: Page;
  /** Starts the reads the page begins with, so they run while its code downloads. */
  prefetch?: (params: Record<string, string>) => void;
  /** Public pages show without a session; all others send the user to sign in first. */
  isPublic?: boolean;
  /** Only users with one of these roles see the page; others see that they have no access. */
  roles?: readonly Role[];
};

/** One component for both paths, so switching tabs keeps the page (and its focus handling) mounted. */
const StudentPage = lazy(() => import('../pages/student/StudentPage.tsx'));
const admin: readonly Role[] = ['swv_admin'];
/** The catalogue's list and one type's form: one page, so going between them keeps it loaded. */
const RequestTypesPage = lazy(() => import('../pages/admin/RequestTypesPage.tsx'));
const queueRoles: readonly Role[] = ['consultant', 'committee', 'school_ib', 'school_director'];
/** Who handles objections, and who keeps the registers of disputes, complaints and signals. */
const swvStaff: readonly Role[] = ['consultant', 'committee'];
const registerRoles: readonly Role[] = ['swv_admin', 'consultant', 'committee'];

const routes: Route[] = [
  { path: '/login', page: lazy(() => import('../pages/login/LoginPage.tsx')), isPublic: true },
  { path: '/activate', page: lazy(() => import('../pages/login/ActivatePage.tsx')), isPublic: true },
  { path: '/', page: lazy(() => import('../pages/home/HomePage.tsx')) },
  {
    path: '/team/schools',
    page: lazy(() => import('../pages/home/TeamSchoolsPage.tsx')),
    roles: ['consultant'],
  },
  {
    path: '/team/evaluations',
    page: lazy(() => import('../pages/home/EvaluationsDuePage.tsx')),
    roles: ['consultant'],
  },
  { path: '/children', page: lazy(() => import('../pages/home/ChildrenPage.tsx')), roles: ['parent'] },
  { path: '/admin/users', page: lazy(() => import('../pages/admin/UsersPage.tsx')), roles: admin },
  { path: '/admin/users/new', page: lazy(() => import('../pages/admin/UserNewPage.tsx')), roles: admin },
  { path: '/admin/users/:id', page: lazy(() => import('../pages/admin/UserEditPage.tsx')), roles: admin },
  { path: '/admin/schools', page: lazy(() => import('../pages/admin/SchoolsPage.tsx')), roles: admin },
  {
    path: '/admin/schools/register',
    page: lazy(() => import('../pages/admin/SchoolRegisterPage.tsx')),
    roles: admin,
  },
  { path: '/admin/schools/new', page: lazy(() => import('../pages/admin/SchoolFormPage.tsx')), roles: admin },
  { path: '/admin/schools/:id', page: lazy(() => import('../pages/admin/SchoolFormPage.tsx')), roles: admin },
  { path: '/admin/boards', page: lazy(() => import('../pages/admin/BoardsPage.tsx')), roles: admin },
  { path: '/admin/boards/new', page: lazy(() => import('../pages/admin/BoardFormPage.tsx')), roles: admin },
  { path: '/admin/boards/:id', page: lazy(() => import('../pages/admin/BoardFormPage.tsx')), roles: admin },
  { path: '/admin/teams', page: lazy(() => import('../pages/admin/TeamsPage.tsx')), roles: admin },
  { path: '/admin/teams/new', page: lazy(() => import('../pages/admin/TeamFormPage.tsx')), roles: admin },
  { path: '/admin/teams/:id', page: lazy(() => import('../pages/admin/TeamFormPage.tsx')), roles: admin },
  { path: '/admin/partners', page: lazy(() => import('../pages/admin/PartnersPage.tsx')), roles: admin },
  {
    path: '/admin/partners/new',
    page: lazy(() => import('../pages/admin/PartnerFormPage.tsx')),
    roles: admin,
  },
  {
    path: '/admin/partners/:id',
    page: lazy(() => import('../pages/admin/PartnerFormPage.tsx')),
    roles: admin,
  },
  { path: '/admin/settings', page: lazy(() => import('../pages/admin/SettingsPage.tsx')), roles: admin },
  {
    path: '/admin/school-holidays',
    page: lazy(() => import('../pages/admin/SchoolHolidaysPage.tsx')),
    roles: admin,
  },
  {
    path: '/admin/single-sign-on',
    page: lazy(() => import('../pages/admin/SingleSignOnPage.tsx')),
    roles: admin,
  },
  { path: '/admin/role-grants', page: lazy(() => import('../pages/admin/RoleGrantsPage.tsx')), roles: admin },
  { path: '/admin/audit', page: lazy(() => import('../pages/admin/AuditPage.tsx')), roles: admin },
  { path: '/admin/retention', page: lazy(() => import('../pages/admin/RetentionPage.tsx')), roles: admin },
  { path: '/admin/jobs', page: lazy(() => import('../pages/admin/JobsPage.tsx')), roles: ['operator'] },
  // docs/SECURITY.md A4: the operator opens break-glass access; the SWV's administrator sees it.
  {
    path: '/admin/break-glass',
    page: lazy(() => import('../pages/admin/BreakGlassPage.tsx')),
    roles: ['operator', 'swv_admin'],
  },
  { path: '/admin/request-types', page: RequestTypesPage, roles: admin },
  { path: '/admin/request-types/:typeId', page: RequestTypesPage, roles: admin },
  { path: '/notifications', page: lazy(() => import('../pages/notifications/InboxPage.tsx')) },
  {
    path: '/settings/notifications',
    page: lazy(() => import('../pages/notifications/PreferencesPage.tsx')),
    // Everyone with an inbox: the operator belongs to no SWV and has none.
    roles: roles.filter((role) => role !== 'operator'),
  },
  {
    path: '/admin/outbox',
    page: lazy(() => import('../pages/notifications/OutboxPage.tsx')),
    roles: ['swv_admin', 'operator'],
  },
  // The SWV's work: the queue and the budget (before /requests/:requestId, which would match it).
  { path: '/requests', page: lazy(() => import('../pages/requests/QueuePage.tsx')), roles: queueRoles },
  {
    path: '/requests/budget',
    page: lazy(() => import('../pages/requests/BudgetPage.tsx')),
    roles: ['swv_admin', 'committee', 'policy', 'consultant'],
  },
  // Transitions between schools (docs/domain.md, "Transitions"): the lists and one move.
  {
    path: '/transitions',
    page: lazy(() => import('../pages/transitions/TransitionsPage.tsx')),
    roles: ['school_ib', 'school_director', 'consultant'],
  },
  { path: '/transitions/:id', page: lazy(() => import('../pages/transitions/TransitionPage.tsx')) },
  // Objections, disputes, complaints and the support point's signals (docs/domain.md).
  {
    path: '/objections',
    page: lazy(() => import('../pages/objections/ObjectionsPage.tsx')),
    roles: swvStaff,
  },
  { path: '/objections/:id', page: lazy(() => import('../pages/objections/ObjectionPage.tsx')) },
  {
    path: '/disputes',
    page: lazy(() => import('../pages/objections/DisputesPage.tsx')),
    roles: registerRoles,
  },
  {
    path: '/complaints',
    page: lazy(() => import('../pages/objections/ComplaintsPage.tsx')),
    roles: [...registerRoles, 'parent'],
  },
  {
    path: '/support-signals',
    page: lazy(() => import('../pages/objections/SupportSignalsPage.tsx')),
    roles: registerRoles,
  },
  // Children at home (docs/domain.md, "Children at home"); the server decides who sees which case.
  {
    path: '/absence',
    page: lazy(() => import('../pages/absence/AbsencePage.tsx')),
    roles: ['consultant', 'school_ib', 'school_director', 'partner', 'parent'],
  },
  { path: '/absence/new', page: lazy(() => import('../pages/absence/RegisterCasePage.tsx')) },
  {
    path: '/absence/figures',
    page: lazy(() => import('../pages/absence/FiguresPage.tsx')),
    roles: ['swv_admin', 'consultant', 'committee', 'policy', 'partner'],
  },
  { path: '/absence/cases/:id', page: lazy(() => import('../pages/absence/AbsenceCasePage.tsx')) },
  {
    path: '/absence/report/:studentId',
    page: lazy(() => import('../pages/absence/ReportWatchPage.tsx')),
    roles: ['school_ib'],
  },
  {
    path: '/admin/absence-ladder',
    page: lazy(() => import('../pages/absence/LadderPage.tsx')),
    roles: admin,
  },
  // The satisfaction survey: the parent's open surveys and their form; the aggregates (before
  // /surveys/:invitationId, which would match it).
  { path: '/surveys', page: lazy(() => import('../pages/surveys/SurveysPage.tsx')), roles: ['parent'] },
  {
    path: '/surveys/results',
    page: lazy(() => import('../pages/surveys/ResultsPage.tsx')),
    roles: ['swv_admin', 'consultant', 'committee', 'policy', 'school_ib', 'school_director'],
  },
  {
    path: '/surveys/:invitationId',
    page: lazy(() => import('../pages/surveys/SurveyPage.tsx')),
    roles: ['parent'],
  },
  {
    path: '/monitor',
    page: lazy(() => import('../pages/monitor/MonitorPage.tsx')),
    roles: ['policy', 'swv_admin', 'committee'],
  },
  // Places and waiting lists (before /waiting-list/:id, which would match the counts).
  {
    path: '/capacity',
    page: lazy(() => import('../pages/capacity/CapacityPage.tsx')),
    roles: ['swv_admin', 'consultant', 'committee', 'policy', 'school_ib', 'school_director'],
  },
  {
    path: '/waiting-list',
    page: lazy(() => import('../pages/capacity/WaitingListPage.tsx')),
    roles: ['consultant', 'committee', 'school_ib', 'school_director'],
  },
  {
    path: '/waiting-list/counts',
    page: lazy(() => import('../pages/capacity/CountsPage.tsx')),
    roles: ['swv_admin', 'consultant', 'committee', 'policy'],
  },
  { path: '/waiting-list/:id', page: lazy(() => import('../pages/capacity/WaitEntryPage.tsx')) },
  { path: '/students/:id', page: StudentPage, prefetch: prefetchStudent },
  { path: '/students/:id/:tab', page: StudentPage, prefetch: prefetchStudent },
  { path: '/requests/:requestId', page: lazy(() => import('../pages/requests/RequestPage.tsx')) },
  {
    path: '/schools/:schoolId/students',
    page: lazy(() => import('../pages/student/StudentListPage.tsx')),
  },
  {
    path: '/schools/:schoolId/roster-import',
    page: lazy(() => import('../pages/student/RosterImportPage.tsx')),
    roles: ['school_ib', 'swv_admin'],
  },
  {
    path: '/schools/:schoolId/oso-import',
    page: lazy(() => import('../pages/student/OsoImportPage.tsx')),
    roles: ['school_ib', 'consultant'],
  },
  {
    path: '/schools/:schoolId/students/new',
    page: lazy(() => import('../pages/student/StudentNewPage.tsx')),
    roles: ['school_ib'],
  },
];
const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx'));
const NoAccessPage = lazy(() => import('../pages/NoAccessPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

function prefetchStudent(params: Record<string, string>) {
  if (params.id) void queryClient.prefetchQuery(studentQuery(params.id));
}

function findRoute(pathname: string) {
  return routes
    .map((route) => ({ route, params: matchPath(route.path, pathname) }))
    .find((candidate) => candidate.params !== null);
}

/**
 * The page last started. Starting it again (a remount, the first render) would read a refused child
 * again — a failed read is never fresh — and log a second refusal.
 */
let startedPathname: string | null = null;

/**
 * Requests the route's code, the session and (with a session) the route's first data at once, not
 * one after the other: called before the first render and on every change of page. Signed out, a
 * page that needs a session loads the login page's code instead, where the user is sent.
 */
function startRoute(pathname: string): Promise<unknown> {
  startedPathname = pathname;
  const found = findRoute(pathname);
  const signedOut = !hasSessionHint();
  const page =
    found && !found.route.isPublic && signedOut
      ? findRoute('/login')!.route.page
      : (found?.route.page ?? NotFoundPage);
  if (found?.route.prefetch && !signedOut) found.route.prefetch(found.params!);
  return Promise.allSettled([page.load(), queryClient.prefetchQuery(sessionQuery)]);
}

/**
 * Loads the messages of the language the first page shows: this browser's at once, and the
 * account's once the session is in (Dutch is always there; another language is its own chunk).
 */
function loadFirstLanguage(): Promise<unknown> {
  void loadLanguage(storedLanguage()).catch(() => {});
  return queryClient.prefetchQuery(sessionQuery).then(() => {
    const me = queryClient.getQueryData<Me | null>(sessionKey);
    return loadLanguage((me?.stage === 'active' ? me.user.language : null) ?? storedLanguage());
  });
}

/**
 * Resolves when the first page's code, the session and its language are in, so the first paint
 * is the page itself, not a loading state that the page then replaces.
 */
export const firstPageReady = Promise.allSettled([startRoute(window.location.pathname), loadFirstLanguage()]);

/** A 401 from any call sends the user to sign in, and back to this page afterwards. */
handleUnauthenticated((code) => {
  queryClient.setQueryData(sessionKey, null);
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  navigate(`/login?next=${next}${code === 'session_expired' ? '&expired=1' : ''}`, { replace: true });
});

function Routes() {
  const { pathname, search } = useLocation();
  const session = useSession();
  const found = findRoute(pathname);
  useEffect(() => {
    if (pathname !== startedPathname) void startRoute(pathname);
  }, [pathname]);
  const needsSignIn = found && !found.route.isPublic && session.isSuccess && session.data?.stage !== 'active';

  useEffect(() => {
    if (needsSignIn) navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  }, [needsSignIn, pathname, search]);

  if (session.isPending || needsSignIn) return <LoadingState />;
  const me = session.data?.stage === 'active' ? session.data : null;
  const allowedRoles = found?.route.roles;
  const hasAccess = !allowedRoles || me?.user.memberships.some((m) => allowedRoles.includes(m.role));
  const Page = !found ? NotFoundPage : hasAccess ? found.route.page : NoAccessPage;
  return (
    <Layout me={me}>
      <Suspense fallback={<LoadingState />}>
        <Page params={found?.params ?? {}} />
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Routes />
      </I18nProvider>
    </QueryClientProvider>
  );
}
