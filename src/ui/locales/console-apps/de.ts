/** The admin console's apps pages in German (Sie); see `en.ts` for what each string is. */
import type { ConsoleAppsStrings } from './en.js';

export const de: ConsoleAppsStrings = {
  tabs: {
    label: 'Diese App',
    settings: 'Einstellungen',
    roles: 'Rollen',
    members: 'Mitglieder',
    invitations: 'Einladungen',
  },
  common: {
    errorSummaryTitle: 'Es gibt ein Problem',
    backToList: 'Zurück zu den Apps',
    yes: 'Ja',
    no: 'Nein',
    statuses: { active: 'Aktiv', disabled: 'Deaktiviert' },
    signUp: { open: 'Offen: jede Person kann sich registrieren', invite_only: 'Nur auf Einladung' },
    allMethods: 'Alle Verfahren, die diese Installation anbietet',
    none: 'Keine',
    paid: 'kostenpflichtig',
  },
  list: {
    title: 'Apps',
    intro:
      'Jede App hat eigene Mitglieder, Rollen, Pläne und Registrierungsregeln. Man meldet sich jeweils bei einer App an.',
    tenantIntro: 'Die App, die Sie verwalten.',
    create: 'Neue App',
    caption: 'Apps, die älteste zuerst',
    columns: {
      name: 'Name',
      id: 'ID',
      status: 'Status',
      signUp: 'Registrierung',
      defaults: 'Neue Mitglieder erhalten',
      created: 'Erstellt',
    },
    defaultApp: 'Standard',
    consoleApp: 'Konsole',
    defaults: (role, plan) => `Rolle ${role}, Plan ${plan}`,
    empty: 'Es gibt keine Apps.',
  },
  fields: {
    nameLabel: 'Name',
    statusLabel: 'Status',
    statusHint:
      'Wenn Sie die App deaktivieren, enden alle Sitzungen dort, und niemand kann sich mehr anmelden.',
    signUpLabel: 'Registrierung',
    signUpHint: 'Wer Mitglied werden kann.',
    defaultRoleLabel: 'Standardrolle',
    defaultRoleHint: 'Die Rolle, die neue Mitglieder erhalten.',
    defaultPlanLabel: 'Standardplan',
    defaultPlanHint: 'Der Plan, den neue Mitglieder erhalten: einer der Pläne unten.',
    plansLabel: 'Pläne (optional)',
    plansHint:
      'Ein Plan pro Zeile, der niedrigste zuerst: Kleinbuchstaben, Ziffern, _ oder -. Schreiben Sie „paid“ hinter den Namen eines kostenpflichtigen Plans, z. B. „pro paid“.',
    methodsLabel: 'Anmeldeverfahren (optional)',
    methodsHint:
      'Eines pro Zeile: password, username, passkey, magic_link, email_code, oauth:<Anbieter> oder id_token:<Anbieter>. Leer lassen, um alle Verfahren dieser Installation zu erlauben.',
    redirectUrlsLabel: 'Weiterleitungs-URLs (optional)',
    redirectUrlsHint:
      'Eine vollständige URL pro Zeile (https://…, ohne #Fragment): wohin die Anmeldung zurückleiten darf.',
    corsOriginsLabel: 'CORS-Origins (optional)',
    corsOriginsHint:
      'Ein Origin pro Zeile (Schema, Host und Port, z. B. https://app.example): Seiten dort dürfen die API aufrufen.',
    audienceLabel: 'Audience',
    audienceHint:
      'Das „aud“ der Zugriffstoken der App: ohne Leerzeichen und verschieden von dem jeder anderen App.',
    audienceNewHint:
      'Leer lassen, um die ID der App zu verwenden. Ohne Leerzeichen und verschieden von dem jeder anderen App.',
  },
  invalid: {
    name: 'Geben Sie einen Namen mit höchstens 100 Zeichen ein.',
    status: 'Wählen Sie „Aktiv“ oder „Deaktiviert“.',
    defaultAppDisabled:
      'Die Standard-App kann nicht deaktiviert werden: Jede Anfrage, die keine App nennt, gehört zu ihr.',
    consoleDisabled: 'Die Konsolen-App kann nicht deaktiviert werden: Alle Operatoren wären ausgesperrt.',
    consoleOpen:
      'Die Konsolen-App bleibt nur auf Einladung zugänglich: Wer sich dort registriert, würde Operator.',
    signUp: 'Wählen Sie „Offen“ oder „Nur auf Einladung“.',
    defaultRole: 'Wählen Sie eine der Rollen der App.',
    defaultPlan: 'Wählen Sie einen der Pläne der App (wie unter „Pläne“ aufgeführt).',
    plans: (line) =>
      `${line === undefined ? 'Geben Sie 1 bis 20 Pläne an' : `Zeile ${line} ist kein Plan`}: ein Name aus Kleinbuchstaben, Ziffern, _ oder - (beginnend mit einem Buchstaben), optional gefolgt von „paid“, jeder Name nur einmal.`,
    methods: (line) =>
      `${line === undefined ? 'Nennen Sie jedes Verfahren nur einmal' : `Zeile ${line} ist kein Anmeldeverfahren`}: password, username, passkey, magic_link, email_code, oauth:<Anbieter> oder id_token:<Anbieter>.`,
    redirectUrls: (line) =>
      `${line === undefined ? 'Nennen Sie höchstens 50 URLs, jede nur einmal' : `Zeile ${line} ist keine Weiterleitungs-URL`}: eine vollständige http- oder https-URL ohne #Fragment.`,
    corsOrigins: (line) =>
      `${line === undefined ? 'Nennen Sie höchstens 50 Origins, jeden nur einmal' : `Zeile ${line} ist kein Origin`}: nur Schema, Host und Port, z. B. https://app.example.`,
    audience: 'Geben Sie eine Audience mit höchstens 512 Zeichen ohne Leerzeichen ein.',
    audienceTaken:
      'Die Zugriffstoken einer anderen App tragen diese Audience bereits. Wählen Sie eine andere.',
    audienceFallback:
      'Geben Sie eine Audience ein: Nur die Standard-App darf die Einstellung der Installation verwenden.',
  },
  create: {
    title: 'Neue App',
    intro:
      'Die App ist zunächst aktiv, mit den Rollen admin, member und guest und den Plänen free, pro und enterprise; all das können Sie später ändern.',
    submit: 'App erstellen',
  },
  created: {
    title: 'App erstellt',
    body: (name) => `${name} ist bereit.`,
  },
  secret: {
    heading: 'Das Geheimnis der App',
    once: 'Kopieren Sie es jetzt und bewahren Sie es sicher auf: Es wird nur dieses eine Mal angezeigt. Geht es verloren, geben Sie der App ein neues.',
    copy: {
      copy: 'Geheimnis kopieren',
      copied: 'Kopiert.',
      copyFailed: 'Kopieren nicht möglich; markieren und kopieren Sie das Geheimnis stattdessen selbst.',
    },
    openApp: 'Zu den Einstellungen der App',
  },
  settings: {
    facts: 'Über diese App',
    id: 'ID',
    kind: 'Art',
    defaultApp: 'Die Standard-App: Anfragen, die keine App nennen, gehören zu ihr',
    consoleApp: 'Die Konsolen-App: Ihre Mitglieder sind die Operatoren',
    ordinaryApp: 'Eine App',
    hasSecret: 'Hat ein Geheimnis',
    created: 'Erstellt',
    updated: 'Zuletzt geändert',
    formHeading: 'Einstellungen',
    submit: 'Einstellungen speichern',
    saved: 'Die Einstellungen sind gespeichert.',
    rotated: 'Die App hat ein neues Geheimnis.',
    tenantNote:
      'Weiterleitungs-URLs, CORS-Origins und die Audience gelten für alle Apps dieser Installation; deshalb dürfen nur Konsolen-Operatoren sie ändern.',
    readOnlyNote: 'Ihre Operatorrolle darf die Einstellungen dieser App lesen, aber nicht ändern.',
    consoleNote: 'Nur ein Operator mit allen Berechtigungen darf die Konsolen-App ändern.',
    refused: 'Diese Änderung dürfen Sie nicht vornehmen',
    refusedBody:
      'Weiterleitungs-URLs, CORS-Origins und die Audience dürfen nur Konsolen-Operatoren ändern. Es wurde nichts gespeichert.',
    secretHeading: 'Geheimnis',
    secretBody:
      'Die Server der App weisen sich mit ihrem Geheimnis aus. Ein neues Geheimnis ersetzt das alte sofort.',
    rotate: 'Der App ein neues Geheimnis geben',
  },
  rotate: {
    title: (name) => `${name} ein neues Geheimnis geben?`,
    consequences:
      'Das bisherige Geheimnis funktioniert sofort nicht mehr: Jeder Server, der es verwendet, wird abgewiesen, bis er das neue hat. Das neue Geheimnis wird einmal auf der nächsten Seite angezeigt.',
    confirm: 'Ja, Geheimnis ersetzen',
    cancel: 'Abbrechen',
    notConfirmed:
      'Es wurde nichts geändert: Bestätigen Sie mit der Schaltfläche, um das Geheimnis zu ersetzen.',
    doneTitle: 'Neues Geheimnis',
    doneBody: (name) => `${name} hat ein neues Geheimnis; das alte funktioniert nicht mehr.`,
  },
  notFound: {
    title: 'Keine solche App',
    body: 'Diese App gibt es nicht, oder Sie dürfen sie nicht sehen.',
  },
};
