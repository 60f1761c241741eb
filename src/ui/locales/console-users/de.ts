/**
 * The admin console's users area strings in German ("Sie" form).
 */
import { deDetail } from './detail-de.js';
import { plural } from './plural.js';
import type { ConsoleUsersStrings } from './types.js';

export const de: ConsoleUsersStrings = {
  nav: { label: 'Konsole', users: 'Benutzer', apps: 'Apps', audit: 'Protokoll', stats: 'Statistik' },
  refusals: {
    notOperator: {
      title: 'Die Konsole ist für Betreiber',
      body: 'Das Konto, mit dem Sie angemeldet sind, ist kein Betreiber dieser Installation, oder Sie haben sich bei einer App statt bei der Konsole angemeldet. Ein Administrator kann Sie als Betreiber einladen.',
      account: 'Zu Ihrem Konto',
    },
    mfaRequired: {
      title: 'Die Konsole braucht einen zweiten Faktor',
      body: 'Sie haben sich ohne zweiten Faktor angemeldet. Betreiber müssen einen verwenden: Richten Sie eine Authenticator-App oder einen Passkey ein und melden Sie sich dann damit erneut an.',
      addFactor: 'Zweiten Faktor einrichten',
    },
    impersonating: {
      title: 'Sie sind als Benutzer angemeldet',
      body: 'Dieser Browser nutzt eine Sitzung, die ein Betreiber als Benutzer gestartet hat. Beenden Sie sie, um als Sie selbst zur Konsole zurückzukehren.',
      end: 'Identitätswechsel beenden',
    },
    insufficient: {
      title: 'Ihre Rolle erlaubt das nicht',
      body: 'Ihre Betreiberrolle enthält die dafür nötige Berechtigung nicht. Ein Administrator kann sie Ihnen geben.',
      back: 'Zurück zu den Benutzern',
    },
    signInAgain: 'Abmelden und erneut anmelden',
  },
  impersonation: {
    bannerTitle: 'Identitätswechsel',
    bannerBody: (who, until) =>
      `Sie nutzen das Konto von ${who} als Betreiber, bis ${until}. Alles, was Sie tun, wird als Ihre Handlung protokolliert.`,
    end: 'Identitätswechsel beenden',
    endTitle: 'Identitätswechsel beenden',
    endBody: (who) => `Beenden Sie die Sitzung als ${who} und kehren Sie zur Konsole zurück.`,
  },
  common: {
    yes: 'Ja',
    no: 'Nein',
    none: 'Keine',
    never: 'Nie',
    unknown: 'Unbekannt',
    backToList: 'Zurück zu den Benutzern',
    backToUser: 'Zurück zum Benutzer',
    errorSummaryTitle: 'Es gibt ein Problem',
  },
  status: { active: 'Aktiv', suspended: 'Gesperrt', revoked: 'Widerrufen', deleted: 'Gelöscht' },
  list: {
    title: 'Benutzer',
    searchLabel: 'Benutzer suchen',
    searchHint: 'Teil einer E-Mail-Adresse, eines Benutzernamens, Namens oder Anzeigenamens.',
    filtersLegend: 'Filter',
    statusLabel: 'Status',
    anyStatus: 'Alle außer gelöschten',
    appLabel: 'App',
    anyApp: 'Alle Apps',
    roleLabel: 'Rolle in der gewählten App',
    planLabel: 'Tarif in der gewählten App',
    verifiedLabel: 'Adresse bestätigt',
    mfaLabel: 'Zweiter Faktor',
    any: 'Egal',
    submit: 'Suchen',
    clear: 'Filter zurücksetzen',
    create: 'Benutzer anlegen',
    purged: 'Der Benutzer wurde endgültig gelöscht.',
    resultsHeading: 'Ergebnisse',
    caption: 'Benutzer in der Reihenfolge, in der sie angelegt wurden',
    columns: {
      user: 'E-Mail oder Benutzername',
      name: 'Name',
      status: 'Status',
      verified: 'Bestätigt',
      mfa: 'Zweiter Faktor',
      created: 'Angelegt',
    },
    noAddress: 'Keine Adresse',
    empty: 'Es gibt noch keine Benutzer.',
    emptyFiltered: 'Kein Benutzer passt zu diesen Filtern.',
    emptyPage: 'Es gibt keine weiteren Benutzer.',
    pagesLabel: 'Seiten',
    first: 'Erste Seite',
    next: 'Nächste Seite',
    invalid: {
      status: 'Wählen Sie einen der Status.',
      flag: 'Wählen Sie „Egal“, „Ja“ oder „Nein“.',
      appForRole: 'Wählen Sie eine App, um nach Rolle oder Tarif zu filtern.',
      app: 'Diese App gibt es nicht.',
      query: 'Suchen Sie nach höchstens 200 Zeichen, ohne Steuerzeichen.',
      role: 'Ein Rollenname beginnt mit a–z und enthält nur a–z, 0–9, _ und -.',
      plan: 'Ein Tarifname beginnt mit a–z und enthält nur a–z, 0–9, _ und -.',
      cursor: 'Dieser Seitenlink funktioniert nicht mehr. Suchen Sie erneut ab der ersten Seite.',
    },
  },
  create: {
    title: 'Benutzer anlegen',
    emailLabel: 'E-Mail-Adresse',
    emailHint: 'Eine Adresse, ein Benutzername oder beides.',
    usernameLabel: 'Benutzername (optional)',
    usernameHint: '3 bis 32 Zeichen aus a–z, 0–9, _, . und -.',
    nameLabel: 'Vollständiger Name (optional)',
    displayNameLabel: 'Anzeigename (optional)',
    verifiedLabel: 'Die Adresse ist bestätigt',
    verifiedHint: 'Nur, wenn Sie wissen, dass die Adresse dem Benutzer gehört.',
    passwordLegend: 'Passwort',
    mailLink: 'Dem Benutzer einen Link zum Festlegen des Passworts senden',
    setPassword: 'Jetzt ein Passwort festlegen',
    passwordLabel: 'Passwort',
    passwordHint: (min) => `Nur, wenn Sie jetzt eines festlegen: mindestens ${min} Zeichen.`,
    appsLegend: 'Apps (optional)',
    appsHint: 'Der Benutzer wird Mitglied jeder angekreuzten App, mit deren Standardrolle und -tarif.',
    noApps: 'Es gibt keine Apps zum Beitreten.',
    submit: 'Benutzer anlegen',
    invalid: {
      emailOrUsername: 'Geben Sie eine E-Mail-Adresse, einen Benutzernamen oder beides ein.',
      email: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
      emailTaken: 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse.',
      username:
        'Ein Benutzername hat 3 bis 32 Zeichen aus a–z, 0–9, _, . und - und darf nicht reserviert sein.',
      usernameTaken: 'Dieser Benutzername ist vergeben.',
      name: 'Ein Name darf höchstens 1000 Zeichen lang sein.',
      passwordMissing: 'Geben Sie ein Passwort ein oder lassen Sie einen Link senden.',
      linkNeedsAddress:
        'Ein Link braucht eine E-Mail-Adresse: Geben Sie eine ein oder legen Sie ein Passwort fest.',
      apps: 'Eine der Apps oder ihre Standardrolle oder ihr Standardtarif existiert nicht mehr. Laden Sie die Seite neu.',
      paidNeedsAddress:
        'Der Standardtarif einer App ist kostenpflichtig und braucht eine bestätigte Adresse.',
    },
  },
  detail: deDetail,
  confirm: {
    unknown: {
      title: 'Unbekannte Aktion',
      body: 'Diese Seite kennt diese Aktion nicht. Gehen Sie zurück zum Benutzer und wählen Sie sie erneut.',
    },
    titles: {
      suspend: (who) => `${who} sperren?`,
      revoke: (who) => `${who} widerrufen?`,
      delete: (who) => `${who} löschen?`,
      purge: (who) => `${who} jetzt endgültig löschen?`,
      'reset-mfa': (who) => `Alle zweiten Faktoren von ${who} entfernen?`,
      'end-sessions': (who) => `Alle Sitzungen von ${who} beenden?`,
      'revoke-tokens': (who) => `Alle Tokens von ${who} widerrufen?`,
      'remove-membership': (who) => `${who} aus der App entfernen?`,
      impersonate: (who) => `Identität von ${who} annehmen?`,
    },
    consequences: {
      suspend:
        'Jede Sitzung des Benutzers endet, und er kann sich bis zur Reaktivierung nicht anmelden. Anmeldedaten und Tokens bleiben erhalten.',
      revoke:
        'Alle Anmeldedaten, persönlichen Zugriffstokens und Sitzungen des Benutzers enden endgültig. Das lässt sich nicht rückgängig machen.',
      delete:
        'Jede Sitzung endet, Links und Tokens funktionieren nicht mehr, und der Benutzer wird per E-Mail benachrichtigt. Bis zum Ende der Aufbewahrungsfrist kann er wiederhergestellt werden, danach wird er endgültig gelöscht.',
      purge:
        'Das Konto und alles, was dazugehört, wird jetzt gelöscht. Das Protokoll behält seine Einträge. Das lässt sich nicht rückgängig machen.',
      'reset-mfa':
        'Authenticator-App, Passkeys, Telefon und Wiederherstellungscodes werden entfernt, jede Sitzung endet, und der Benutzer wird per E-Mail benachrichtigt. Danach meldet er sich nur mit seinem Passwort an.',
    },
    removeMembership: (app) =>
      `Der Benutzer ist dann kein Mitglied von ${app} mehr, und seine Sitzungen dort enden sofort. Seine Sitzungen in anderen Apps laufen weiter.`,
    endSessions: (count) =>
      `${count} ${plural(count, 'aktive Sitzung endet', 'aktive Sitzungen enden')} sofort, auf allen Geräten. Der Benutzer kann sich erneut anmelden.`,
    revokeTokens: (count) =>
      `${count} ${plural(count, 'persönliches Zugriffstoken funktioniert', 'persönliche Zugriffstokens funktionieren')} ab sofort nicht mehr.`,
    impersonate: (minutes) =>
      `Dieser Browser gehört dann für höchstens ${minutes} Minuten (oder bis Sie es beenden) dem Benutzer: Sie sehen sein Konto, wie er es sieht. Änderungen, die nur er selbst vornehmen darf, bleiben verweigert. Der Beginn und alles, was Sie tun, werden mit Ihrem Namen protokolliert.`,
    reasonLabel: 'Grund',
    reasonHint: 'Warum, z. B. ein Support-Ticket. Wird im Protokoll festgehalten.',
    appLabel: 'App',
    appHint: 'In welcher der Apps des Benutzers gehandelt wird.',
    defaultApp: 'Die Standard-App',
    buttons: {
      suspend: 'Benutzer sperren',
      revoke: 'Benutzer widerrufen',
      delete: 'Benutzer löschen',
      purge: 'Benutzer endgültig löschen',
      'reset-mfa': 'Zweite Faktoren entfernen',
      'end-sessions': 'Alle Sitzungen beenden',
      'revoke-tokens': 'Alle Tokens widerrufen',
      'remove-membership': 'Aus der App entfernen',
      impersonate: 'Identitätswechsel starten',
    },
    cancel: 'Abbrechen',
    notConfirmed: 'Es wurde nichts getan: Bestätigen Sie mit der Schaltfläche unten.',
    invalid: {
      reasonMissing: 'Geben Sie den Grund für den Identitätswechsel ein.',
      reasonTooLong: (max) => `Der Grund darf höchstens ${max} Zeichen lang sein.`,
    },
  },
  done: {
    created: 'Der Benutzer wurde angelegt.',
    createdLinkSent: (email) =>
      `Der Benutzer wurde angelegt, und an ${email} wurde ein Link zum Festlegen des Passworts gesendet.`,
    edit: 'Das Profil wurde gespeichert.',
    nothingChanged: 'Es hat sich nichts geändert.',
    setEmail:
      'Die Adresse wurde geändert. Die alte Adresse wurde benachrichtigt, und jede Sitzung wurde beendet.',
    suspend: 'Der Benutzer ist gesperrt, und jede Sitzung wurde beendet.',
    reactivate: 'Der Benutzer ist wieder aktiv.',
    revoke: 'Der Benutzer ist widerrufen.',
    statusUnchanged: 'Der Benutzer hatte diesen Status schon: Es hat sich nichts geändert.',
    delete: (until) => `Der Benutzer ist gelöscht. Er kann bis ${until} wiederhergestellt werden.`,
    restore: (status) => `Der Benutzer ist wiederhergestellt. Sein Status: ${status}.`,
    'end-session': 'Die Sitzung wurde beendet.',
    endSessions: (count) => `${count} ${plural(count, 'Sitzung wurde', 'Sitzungen wurden')} beendet.`,
    'reset-mfa':
      'Alle zweiten Faktoren wurden entfernt, jede Sitzung wurde beendet, und der Benutzer wurde per E-Mail benachrichtigt.',
    'send-verification': 'Ein Bestätigungslink wurde gesendet.',
    'send-password-reset': 'Ein Link zum Zurücksetzen des Passworts wurde gesendet.',
    setMembership: 'Der Zugang wurde gespeichert.',
    joined: 'Der Benutzer ist der App beigetreten.',
    'remove-membership': 'Der Benutzer wurde aus der App entfernt.',
    'revoke-token': 'Das Token wurde widerrufen.',
    revokeTokens: (count) => `${count} ${plural(count, 'Token wurde', 'Tokens wurden')} widerrufen.`,
  },
  refused: {
    LAST_ADMIN:
      'Nicht ausgeführt: Die Konsole hätte sonst keinen aktiven Administrator mehr. Machen Sie zuerst einen anderen Betreiber zum Administrator.',
    CANNOT_ACT_ON_SELF: 'Nicht ausgeführt: Betreiber können das nicht mit ihrem eigenen Konto tun.',
    USER_REVOKED: 'Nicht ausgeführt: Der Benutzer ist widerrufen, und das ist endgültig.',
    USER_SUSPENDED: 'Nicht ausgeführt: Der Benutzer ist gesperrt. Reaktivieren Sie ihn zuerst.',
    USER_NOT_ACTIVE: 'Nicht ausgeführt: Der Benutzer ist nicht aktiv.',
    USER_NOT_DELETED:
      'Nicht ausgeführt: Nur ein gelöschter Benutzer kann endgültig gelöscht werden. Löschen Sie ihn zuerst.',
    CANNOT_IMPERSONATE_OPERATOR:
      'Nicht ausgeführt: Die Identität von Betreibern kann nicht angenommen werden.',
    NOT_A_MEMBER: 'Nicht ausgeführt: Der Benutzer ist kein Mitglied dieser App.',
    APP_INACTIVE: 'Nicht ausgeführt: Diese App ist deaktiviert.',
    APP_NOT_FOUND: 'Nicht ausgeführt: Diese App gibt es nicht.',
    ROLE_NOT_FOUND: 'Nicht ausgeführt: Die App hat keine solche Rolle.',
    PLAN_NOT_FOUND: 'Nicht ausgeführt: Die App hat keinen solchen Tarif.',
    MEMBERSHIP_NOT_FOUND: 'Nicht ausgeführt: Der Benutzer ist kein Mitglied dieser App.',
    EMAIL_REQUIRED_FOR_PAID: 'Nicht ausgeführt: Ein kostenpflichtiger Tarif braucht eine bestätigte Adresse.',
    EMAIL_ALREADY_VERIFIED: 'Nicht gesendet: Die Adresse ist bereits bestätigt.',
    EMAIL_MISSING: 'Nicht gesendet: Das Konto hat keine E-Mail-Adresse.',
    RATE_LIMITED:
      'Nicht gesendet: In letzter Zeit gingen zu viele solche Links an diesen Benutzer. Versuchen Sie es später erneut.',
    INSUFFICIENT_PERMISSION:
      'Nicht ausgeführt: Nur ein Betreiber mit allen Berechtigungen darf Mitgliedschaften der Konsole ändern.',
    itemGone: 'Nichts zu tun: Es war bereits beendet.',
    unknownAction: 'Diese Aktion ist unbekannt. Wählen Sie sie erneut.',
  },
};
