/**
 * German strings for every page: the same `PageStrings` as English, so a missing key fails the
 * type check. Polite "Sie" form, German quotation marks („…“) and number grouping (1.000).
 */

import type { PageStrings } from './en.js';

/** Numbers in German grouping, so a large limit reads "1.000", not "1000". */
const number = new Intl.NumberFormat('de-DE');

/** Several pages end with the same advice. */
const sendAgain = 'Öffnen Sie den Link aus der E-Mail erneut und senden Sie das Formular von dort ab.';
const maybeKnown =
  'Wenn Sie die Änderung nicht angefordert haben, kennt möglicherweise jemand Ihr Passwort: Legen Sie ein neues fest.';

export const de: PageStrings = {
  lang: 'de',
  layout: {
    documentTitle: (page, product) => `${page} – ${product}`,
    skipToContent: 'Zum Inhalt springen',
    signOut: 'Abmelden',
  },
  form: {
    errorSummaryTitle: 'Bitte prüfen Sie Ihre Eingaben',
    required: 'Pflichtfeld',
    passwordTooShort: (minLength) =>
      `Das Passwort muss mindestens ${number.format(minLength)} Zeichen lang sein`,
    passwordTooLong: (maxLength) =>
      `Das Passwort darf höchstens ${number.format(maxLength)} Zeichen lang sein`,
    passwordRefused:
      'Dieses Passwort wird zu häufig verwendet oder ist bereits in einem Datenleck aufgetaucht; wählen Sie bitte ein anderes',
  },
  link: {
    invalid: {
      title: 'Dieser Link funktioniert nicht',
      body: 'Der Link ist vielleicht unvollständig – öffnen Sie ihn direkt aus der E-Mail oder kopieren Sie ihn vollständig –, oder er wurde durch einen neueren Link ersetzt.',
    },
    expired: {
      title: 'Dieser Link ist abgelaufen',
      body: 'Links in unseren E-Mails sind nur für begrenzte Zeit gültig.',
    },
    used: {
      title: 'Dieser Link wurde bereits verwendet',
      body: 'Jeder Link funktioniert nur einmal. Wenn Sie ihn schon verwendet haben, ist hier nichts mehr zu tun.',
    },
  },
  verifyEmail: {
    title: 'Bestätigen Sie Ihre E-Mail-Adresse',
    intro: 'Bestätigen Sie, dass diese Adresse Ihnen gehört, um die Einrichtung Ihres Kontos abzuschließen.',
    submit: 'E-Mail-Adresse bestätigen',
    done: {
      title: 'Ihre E-Mail-Adresse ist bestätigt',
      body: 'Vielen Dank. Sie können diese Seite schließen und dorthin zurückkehren, wo Sie sich registriert haben.',
    },
    nextStep:
      'Für einen neuen Link melden Sie sich dort an, wo Sie das Konto erstellt haben, und fordern Sie eine neue Bestätigungs-E-Mail an.',
  },
  forgotPassword: {
    title: 'Passwort vergessen?',
    intro:
      'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen dann einen Link, mit dem Sie ein neues Passwort festlegen können.',
    emailLabel: 'E-Mail-Adresse',
    emailInvalid: 'Geben Sie eine E-Mail-Adresse ein, z. B. name@example.com',
    submit: 'Link senden',
    sent: {
      title: 'Prüfen Sie Ihr Postfach',
      body: 'Falls ein Konto diese Adresse verwendet, ist ein Link zum Festlegen eines neuen Passworts unterwegs. Er funktioniert nur einmal und nur für begrenzte Zeit. Nach ein paar Minuten noch keine E-Mail? Sehen Sie im Spam-Ordner nach oder versuchen Sie es erneut.',
    },
    nextStep: 'Neuen Link anfordern',
  },
  resetPassword: {
    title: 'Neues Passwort festlegen',
    intro:
      'Wählen Sie das Passwort, mit dem Sie sich ab jetzt anmelden. Alle Geräte, auf denen Sie mit Ihrem Konto angemeldet sind, werden abgemeldet.',
    passwordLabel: 'Neues Passwort',
    passwordHint: (minLength) =>
      `Mindestens ${number.format(minLength)} Zeichen. Ein paar Wörter, die nichts miteinander zu tun haben, ergeben ein starkes Passwort.`,
    submit: 'Neues Passwort speichern',
    done: {
      title: 'Ihr Passwort wurde geändert',
      body: 'Alle Geräte, auf denen Sie angemeldet waren, wurden abgemeldet. Melden Sie sich mit Ihrem neuen Passwort an.',
    },
    newLink: 'Neuen Link anfordern',
  },
  confirmEmailChange: {
    title: 'Neue E-Mail-Adresse bestätigen',
    intro: 'Bestätigen Sie, um Ihr Konto auf diese Adresse umzustellen. Danach melden Sie sich mit ihr an.',
    submit: 'Neue Adresse bestätigen',
    done: {
      title: 'Ihre E-Mail-Adresse wurde geändert',
      body: 'Ihr Konto verwendet jetzt diese Adresse. Alle Geräte, auf denen Sie angemeldet waren, wurden abgemeldet; melden Sie sich mit der neuen Adresse an.',
    },
    taken: {
      title: 'Diese Adresse ist bereits vergeben',
      body: 'Inzwischen verwendet ein anderes Konto diese Adresse, daher behält Ihr Konto seine bisherige.',
    },
    nextStep: 'Um es erneut zu versuchen, melden Sie sich an und ändern Sie Ihre Adresse noch einmal.',
  },
  cancelEmailChange: {
    title: 'E-Mail-Adresse behalten',
    intro:
      'Nutzen Sie diese Seite, wenn Sie keine Änderung der E-Mail-Adresse Ihres Kontos angefordert haben: Ihr Konto behält diese Adresse oder erhält sie zurück.',
    submit: 'Meine E-Mail-Adresse behalten',
    cancelled: {
      title: 'Die Änderung wurde abgebrochen',
      body: `Ihr Konto behält diese E-Mail-Adresse, und der an die andere Adresse gesendete Link funktioniert nicht mehr. ${maybeKnown}`,
    },
    undone: {
      title: 'Ihre E-Mail-Adresse wurde wiederhergestellt',
      body: `Die Änderung wurde rückgängig gemacht: Ihr Konto verwendet wieder diese E-Mail-Adresse, und alle Geräte, auf denen Sie damit angemeldet waren, wurden abgemeldet. ${maybeKnown}`,
    },
    taken: {
      title: 'Diese Adresse ist bereits vergeben',
      body: 'Inzwischen verwendet ein anderes Konto diese Adresse, daher konnte die Änderung nicht rückgängig gemacht werden.',
    },
    nextStep:
      'Falls jemand anderes Ihre Adresse geändert hat, legen Sie ein neues Passwort fest und wenden Sie sich an den Support des Dienstes.',
    resetLink: 'Neues Passwort festlegen',
  },
  magicLink: {
    title: 'Anmelden',
    intro: 'Melden Sie sich mit dem Link aus Ihrer E-Mail an. Er funktioniert nur einmal.',
    submit: 'Anmelden',
    done: {
      title: 'Sie sind angemeldet',
      body: 'Sie können diese Seite schließen und dorthin zurückkehren, wo Sie den Link angefordert haben.',
    },
    disabled: {
      title: 'Anmeldung per Link ist deaktiviert',
      body: 'Dieser Dienst bietet keine Anmeldung per E-Mail-Link an.',
    },
    nextStep: 'Einen neuen Link erhalten Sie dort, wo Sie diesen angefordert haben.',
  },
  acceptInvitation: {
    title: 'Einladung annehmen',
    intro:
      'Nehmen Sie die Einladung aus Ihrer E-Mail an. Sie funktioniert nur einmal. Gibt es für diese Adresse noch kein Konto, wird eines für Sie erstellt.',
    nameLabel: 'Ihr Name (optional)',
    nameRefused: 'Höchstens 200 Zeichen, ohne Zeilenumbrüche oder andere Steuerzeichen',
    passwordLabel: 'Passwort für ein neues Konto (optional)',
    passwordHint: (minLength) =>
      `Mindestens ${number.format(minLength)} Zeichen. Sie haben schon ein Konto? Dann lassen Sie dieses Feld leer und melden sich danach wie gewohnt an. Jetzt kein Passwort? Melden Sie sich später mit einem Link per E-Mail an oder legen Sie eines über „Passwort vergessen?“ fest.`,
    submit: 'Einladung annehmen',
    joined: {
      title: 'Willkommen',
      body: 'Ihr Konto ist eingerichtet und Sie sind angemeldet. Sie können diese Seite schließen und zur App zurückkehren.',
    },
    member: {
      title: 'Sie sind beigetreten',
      body: 'Ihr Konto ist jetzt Mitglied. Melden Sie sich wie gewohnt bei der App an.',
    },
    inactive: {
      title: 'Diese App ist nicht verfügbar',
      body: 'Die App, zu der Sie eingeladen wurden, ist deaktiviert. Wenden Sie sich an die Person, die Sie eingeladen hat.',
    },
    nextStep: 'Eine neue Einladung erhalten Sie von der Person, die Sie eingeladen hat.',
  },
  errors: {
    crossSite: {
      title: 'Dieses Formular stammt von einer anderen Website',
      body: `Zu Ihrer Sicherheit werden Formulare hier nur von dieser Website angenommen. ${sendAgain}`,
    },
    formExpired: {
      title: 'Dieses Formular ist abgelaufen',
      body: 'Seit das Formular angezeigt wurde, haben Sie sich in einem anderen Tab an- oder abgemeldet, oder Ihre Cookies wurden gelöscht. Gehen Sie zurück, laden Sie die Seite neu und senden Sie das Formular erneut ab.',
    },
    badForm: {
      title: 'Das Formular konnte nicht gelesen werden',
      body: sendAgain,
    },
    tooLarge: {
      title: 'Das Formular ist zu groß',
      body: sendAgain,
    },
    rateLimited: {
      title: 'Zu viele Versuche',
      body: 'Warten Sie einen Moment und versuchen Sie es dann erneut.',
    },
    unavailable: {
      title: 'Derzeit nicht verfügbar',
      body: 'Der Dienst kann Ihre Anfrage gerade nicht bearbeiten. Versuchen Sie es in ein paar Minuten erneut.',
    },
    methodNotAllowed: {
      title: 'Das ist auf dieser Seite nicht möglich',
      body: 'Öffnen Sie den Link aus der E-Mail erneut.',
    },
    refused: {
      title: 'Das konnte nicht ausgeführt werden',
      body: 'Öffnen Sie den Link aus der E-Mail erneut oder fordern Sie einen neuen an.',
    },
    internal: (requestId) => ({
      title: 'Etwas ist schiefgelaufen',
      body: `Bei uns ist ein Fehler aufgetreten. Versuchen Sie es später erneut. Falls das Problem weiterhin besteht, nennen Sie dem Support die Anfrage-ID ${requestId}.`,
    }),
  },
};
