// The English texts of login.ts, loaded only when someone reads Passend in English.
import type { loginNl } from './login.ts';

export const loginEn: Record<keyof typeof loginNl, string> = {
  'login.title': 'Sign in',
  'login.sso.title': 'Or sign in through your organisation',
  'login.sso.button': 'Sign in through {name}',
  'login.sso.failed':
    'Signing in through your organisation did not work. Try again, or sign in with your e-mail address and password.',
  'login.intro': 'Sign in with your e-mail address and password.',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.expired': 'You were signed out because you were inactive for a while. Please sign in again.',
  'login.error.unauthenticated': 'The e-mail address or password is incorrect.',
  'login.error.account_locked':
    'Too many attempts. Wait 15 minutes and try again, or ask your administrator.',
  'login.error.validation_failed': 'Enter a valid e-mail address and your password.',
  'login.error.required': 'Fill in this field.',
  'login.error.emailRequired': 'Enter your e-mail address.',
  'login.error.passwordRequired': 'Enter your password.',
  'secondFactor.error.codeFormat': 'Enter the six digits your app shows now.',
  'secondFactor.error.recoveryRequired': 'Enter one of your recovery codes.',
  'login.errorSummary': 'There is a problem',
  'secondFactor.title': 'Second step',
  'secondFactor.intro': 'Enter the six-digit code from your authenticator app.',
  'secondFactor.code': 'Code',
  'secondFactor.submit': 'Verify',
  'secondFactor.useRecovery': 'I do not have my phone: use a recovery code',
  'secondFactor.recoveryCode': 'Recovery code',
  'secondFactor.error': 'This code is not correct. Please try again.',
  'totpSetup.title': 'Set up the second step',
  'totpSetup.intro':
    'Your role requires a second step when signing in. Scan the QR code with an authenticator app and enter the code it shows.',
  'totpSetup.manual': 'Cannot scan? Enter this key in the app: {secret}',
  'totpSetup.qr': 'QR code for your authenticator app',
  'totpSetup.submit': 'Set up',
  'totpSetup.recoveryTitle': 'Your recovery codes',
  'totpSetup.recoveryIntro':
    'Keep these codes somewhere safe. A recovery code lets you sign in when you do not have your phone. Each code works once.',
  'totpSetup.continue': 'I have saved the codes',
  'session.idle.title': 'Do you want to stay signed in?',
  'session.idle.body':
    'You have not been active for a while. In two minutes you will be signed out automatically, so that nobody else can see the information.',
  'session.idle.stay': 'Stay signed in',
  'activate.title': 'Activate your account',
  'activate.intro':
    'Choose a password for your Passend account. Take a sentence of at least 12 characters that you use nowhere else.',
  'activate.password': 'New password',
  'activate.passwordHint':
    'At least 12 characters. A sentence of a few words is strong and easy to remember.',
  'activate.submit': 'Set password',
  'activate.done':
    'Your account is activated. You can now sign in with your e-mail address and this password.',
  'activate.toLogin': 'Go to sign in',
  'activate.error.token':
    'This activation link does not work (any more): it was used, has expired or is incomplete. Ask the administrator for a new link.',
  'activate.error.too_short': 'The password must have at least 12 characters.',
  'activate.error.too_long': 'The password may have at most 128 characters.',
  'activate.error.common': 'This password is too common or appears in data breaches. Choose another.',
  'activate.error.contains_email': 'The password may not contain your e-mail address.',
  'activate.error.passwordRequired': 'Enter a password.',
};
