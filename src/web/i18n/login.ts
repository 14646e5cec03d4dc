// Texts of the sign-in pages (password, second factor, its set-up) and of the session's idle
// warning, in every language.
export const loginNl = {
  'login.title': 'Inloggen',
  'login.sso.title': 'Of log in via uw organisatie',
  'login.sso.button': 'Inloggen via {name}',
  'login.sso.failed':
    'Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw of log in met uw e-mailadres en wachtwoord.',
  'login.intro': 'Log in met uw e-mailadres en wachtwoord.',
  'login.email': 'E-mailadres',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.expired': 'U bent automatisch uitgelogd omdat u een tijd niet actief was. Log opnieuw in.',
  'login.error.unauthenticated': 'Het e-mailadres of wachtwoord klopt niet.',
  'login.error.account_locked':
    'Te veel pogingen. Wacht 15 minuten en probeer het opnieuw, of vraag uw beheerder om hulp.',
  'login.error.validation_failed': 'Vul een geldig e-mailadres en uw wachtwoord in.',
  'login.error.required': 'Vul dit veld in.',
  'login.error.emailRequired': 'Vul uw e-mailadres in.',
  'login.error.passwordRequired': 'Vul uw wachtwoord in.',
  'secondFactor.error.codeFormat': 'Vul de zes cijfers in die uw app nu toont.',
  'secondFactor.error.recoveryRequired': 'Vul een van uw herstelcodes in.',
  'login.errorSummary': 'Er is een probleem',
  'secondFactor.title': 'Tweede stap',
  'secondFactor.intro': 'Vul de zescijferige code in uit uw authenticator-app.',
  'secondFactor.code': 'Code',
  'secondFactor.submit': 'Controleren',
  'secondFactor.useRecovery': 'Ik heb mijn telefoon niet: gebruik een herstelcode',
  'secondFactor.recoveryCode': 'Herstelcode',
  'secondFactor.error': 'Deze code klopt niet. Probeer het opnieuw.',
  'totpSetup.title': 'Tweede stap instellen',
  'totpSetup.intro':
    'Uw rol vraagt om een tweede stap bij het inloggen. Scan de QR-code met een authenticator-app en vul de code in die de app toont.',
  'totpSetup.manual': 'Lukt scannen niet? Voer deze sleutel in de app in: {secret}',
  'totpSetup.qr': 'QR-code voor uw authenticator-app',
  'totpSetup.submit': 'Instellen',
  'totpSetup.recoveryTitle': 'Uw herstelcodes',
  'totpSetup.recoveryIntro':
    'Bewaar deze codes op een veilige plek. Met een herstelcode logt u in als u uw telefoon niet bij de hand hebt. Elke code werkt één keer.',
  'totpSetup.continue': 'Ik heb de codes bewaard',
  'session.idle.title': 'Wilt u ingelogd blijven?',
  'session.idle.body':
    'U bent een tijd niet actief geweest. Over twee minuten wordt u automatisch uitgelogd, zodat niemand anders de gegevens kan zien.',
  'session.idle.stay': 'Ingelogd blijven',
} as const;

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
};
