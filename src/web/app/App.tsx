// The application: providers, the routes, and which pages need a signed-in user.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import type { Role } from '../../domain/roles.ts';
import { Layout } from '../components/Layout.tsx';
import { LoadingState } from '../components/States.tsx';
import { I18nProvider } from '../i18n/index.tsx';
import { fileReaders, listReaders } from '../pages/student/roles.ts';
import { handleUnauthenticated } from './api.ts';
import { matchPath, navigate, useLocation } from './router.tsx';
import { sessionKey, useSession } from './session.ts';

type Route = {
  path: string;
  page: ComponentType<{ params: Record<string, string> }>;
  /** Public pages show without a session; all others send the user to sign in first. */
  isPublic?: boolean;
  /** Only users with one of these roles see the page; others see that they have no access. */
  roles?: readonly Role[];
};

/** One component for both paths, so switching tabs keeps the page (and its focus handling) mounted. */
const StudentPage = lazy(() => import('../pages/student/StudentPage.tsx'));
const admin: readonly Role[] = ['swv_admin'];

const routes: Route[] = [
  { path: '/login', page: lazy(() => import('../pages/login/LoginPage.tsx')), isPublic: true },
  { path: '/activate', page: lazy(() => import('../pages/login/ActivatePage.tsx')), isPublic: true },
  { path: '/', page: lazy(() => import('../pages/home/HomePage.tsx')) },
  { path: '/admin/users', page: lazy(() => import('../pages/admin/UsersPage.tsx')), roles: admin },
  { path: '/admin/users/new', page: lazy(() => import('../pages/admin/UserNewPage.tsx')), roles: admin },
  { path: '/admin/users/:id', page: lazy(() => import('../pages/admin/UserEditPage.tsx')), roles: admin },
  { path: '/admin/schools', page: lazy(() => import('../pages/admin/SchoolsPage.tsx')), roles: admin },
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
    path: '/admin/single-sign-on',
    page: lazy(() => import('../pages/admin/SingleSignOnPage.tsx')),
    roles: admin,
  },
  { path: '/admin/role-grants', page: lazy(() => import('../pages/admin/RoleGrantsPage.tsx')), roles: admin },
  { path: '/admin/audit', page: lazy(() => import('../pages/admin/AuditPage.tsx')), roles: admin },
  { path: '/students/:id', page: StudentPage, roles: fileReaders },
  { path: '/students/:id/:tab', page: StudentPage, roles: fileReaders },
  {
    path: '/schools/:schoolId/students',
    page: lazy(() => import('../pages/student/StudentListPage.tsx')),
    roles: listReaders,
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

/** A 401 from any call sends the user to sign in, and back to this page afterwards. */
handleUnauthenticated((code) => {
  queryClient.setQueryData(sessionKey, null);
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  navigate(`/login?next=${next}${code === 'session_expired' ? '&expired=1' : ''}`, { replace: true });
});

function Routes() {
  const { pathname, search } = useLocation();
  const session = useSession();
  const found = routes
    .map((route) => ({ route, params: matchPath(route.path, pathname) }))
    .find((candidate) => candidate.params !== null);
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
