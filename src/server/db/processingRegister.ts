// TRUST E4: the processing register in code. Every column of every table is declared here, and
// each column that holds personal data says why (purpose), on what ground (AVG art. 6 basis) and
// for how long. A test fails on a column that is not declared, so a new column cannot slip in
// unaccounted for. This is evidence for the SWV's DPIA and its record of processing (AVG art. 30).

export type LegalBasis =
  | 'legal_obligation' // art. 6(1)(c): Wpo/WVO passend onderwijs, Leerplichtwet
  | 'public_task' // art. 6(1)(e): the SWV's statutory task
  | 'consent' // art. 6(1)(a): the parents' consent to share
  | 'legitimate_interest'; // art. 6(1)(f): security of the service itself

export type PersonalData = { purpose: string; legalBasis: LegalBasis; retention: string };

/** null: the column holds no personal data. */
type TableRegister = Record<string, PersonalData | null>;

const account = (purpose: string): PersonalData => ({
  purpose,
  legalBasis: 'legitimate_interest',
  retention: 'while the account exists',
});
const childFile = (purpose: string): PersonalData => ({
  purpose,
  legalBasis: 'public_task',
  retention: 'set by the SWV per data kind; by default 2 years after the child leaves the SWV',
});
const accessLog = (purpose: string): PersonalData => ({
  purpose,
  legalBasis: 'legal_obligation',
  retention: 'NEN 7513: at least 5 years; pseudonymised when the child file is deleted',
});
const security = (purpose: string): PersonalData => ({
  purpose,
  legalBasis: 'legitimate_interest',
  retention: 'until the session or throttle window ends (at most 12 hours)',
});

export const processingRegister: Record<string, TableRegister> = {
  swv: {
    id: null,
    name: null,
    register_code: null,
    sector: null,
    municipalities: null,
    holiday_region: null,
    decision_working_days: null,
    crisis_working_days: null,
    skip_school_holidays: null,
    created_at: null,
  },
  swv_oidc: { swv_id: null, issuer: null, client_id: null, client_secret: null, enabled: null },
  board: { swv_id: null, id: null, code: null, name: null },
  school: {
    swv_id: null,
    id: null,
    board_id: null,
    brin: null,
    location_code: null,
    name: null,
    kind: null,
    wijk: null,
    municipality: null,
    pupil_count: null,
    support_profile: null,
  },
  team: { swv_id: null, id: null, name: null, wijk: null },
  team_school: { swv_id: null, team_id: null, school_id: null },
  partner_organisation: { swv_id: null, id: null, name: null, kind: null },
  partner_school: { swv_id: null, partner_organisation_id: null, school_id: null },
  app_user: {
    id: account('identifies the account in logs and relations'),
    swv_id: null,
    email: account('signing in and notifications'),
    display_name: account('showing who did what, in the file and in the access log'),
    password_hash: account('authentication (argon2id hash, never the password)'),
    totp_secret: account('second factor (TRUST B2)'),
    totp_enabled_at: account('second factor state'),
    totp_last_step: account('refusing a reused second-factor code'),
    disabled_at: account('ending access when someone leaves'),
    created_at: account('account administration'),
  },
  membership: {
    id: null,
    swv_id: null,
    user_id: account('which roles the person has'),
    role: account('which roles the person has'),
    school_id: null,
    groups: account('which children a teacher teaches'),
    partner_organisation_id: null,
  },
  team_member: { swv_id: null, team_id: null, user_id: account('which schools a consultant works for') },
  recovery_code: {
    user_id: account('second-factor recovery'),
    code_hash: account('second-factor recovery (hash only)'),
    used_at: account('a recovery code works once'),
  },
  user_identity: {
    issuer: account('single sign-on through the school federation'),
    subject: account('single sign-on through the school federation'),
    user_id: account('single sign-on through the school federation'),
  },
  session: {
    token_hash: security('the signed-in session (hash of the cookie only)'),
    user_id: security('whose session it is'),
    stage: security('password and second factor steps'),
    csrf_token: security('protection against cross-site requests'),
    created_at: security('absolute session timeout'),
    last_seen_at: security('idle session timeout'),
    method: security('password or single sign-on'),
  },
  oidc_login: { state: null, swv_id: null, nonce: null, code_verifier: null, created_at: null },
  throttle: {
    key: security('throttling sign-in attempts (hash of e-mail address or IP address)'),
    window_started_at: null,
    count: null,
  },
  student: {
    swv_id: null,
    id: childFile('identifies the child across the file'),
    school_id: childFile('the child’s school'),
    given_name: childFile('recognising the child'),
    family_name_prefix: childFile('recognising the child'),
    family_name: childFile('recognising the child'),
    birth_date: childFile('school age and recognising the child'),
    school_key: childFile('matching the school administration’s export (EDEXML)'),
    group_name: childFile('the child’s group, and which teacher may read the file'),
    support_level: childFile('the support route (ondersteuningsniveau)'),
    created_at: childFile('file administration'),
  },
  student_guardian: {
    swv_id: null,
    student_id: childFile('who the child’s parents are'),
    user_id: childFile('who the child’s parents are'),
  },
  case_member: {
    swv_id: null,
    student_id: childFile('who works on the child’s case'),
    user_id: childFile('who works on the child’s case'),
  },
  consent: {
    swv_id: null,
    id: null,
    student_id: { ...childFile('the parents’ consent'), legalBasis: 'consent' },
    purpose: { ...childFile('the parents’ consent'), legalBasis: 'consent' },
    partner_organisation_id: { ...childFile('the parents’ consent'), legalBasis: 'consent' },
    given_by_user_id: { ...childFile('who gave consent'), legalBasis: 'consent' },
    given_on: { ...childFile('the parents’ consent'), legalBasis: 'consent' },
    expires_on: { ...childFile('the parents’ consent'), legalBasis: 'consent' },
    withdrawn_at: { ...childFile('withdrawal of consent'), legalBasis: 'consent' },
  },
  access_log: {
    swv_id: null,
    seq: null,
    at: accessLog('when the file was accessed'),
    actor_user_id: accessLog('who accessed the file'),
    actor_role: accessLog('in which role'),
    actor_organisation: accessLog('on whose behalf'),
    student_id: accessLog('whose file'),
    object_type: accessLog('what was accessed'),
    object_id: accessLog('what was accessed'),
    part: accessLog('what was accessed'),
    action: accessLog('what was done'),
    outcome: accessLog('allowed or refused'),
    purpose: accessLog('why it was allowed or refused'),
    break_glass: accessLog('emergency access'),
    client_address: accessLog('from where'),
    request_id: null,
    previous_hash: null,
    hash: null,
  },
  access_log_head: { swv_id: null, seq: null, hash: null },
};
