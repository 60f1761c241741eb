/**
 * The admin console's stats page (`/console/stats`), English and German: the figures, the
 * charts' titles and descriptions, and the per-app table. Strings that take values are
 * functions, so each language places them where its grammar needs.
 */
import type { Locale } from '../../core/locale.js';
import type { PageView } from '../../http/route.js';

export interface ConsoleStatsStrings {
  readonly title: string;
  readonly intro: (at: string) => string;
  readonly users: {
    readonly heading: string;
    readonly total: string;
    readonly active: string;
    readonly suspended: string;
    readonly revoked: string;
    readonly deleted: string;
    readonly unverified: string;
    readonly activeSessions: string;
  };
  readonly activity: {
    readonly heading: string;
    readonly chartTitle: string;
    readonly chartDescription: (signUps: string, signIns: string) => string;
    readonly failuresTitle: string;
    readonly failuresDescription: (failed: string) => string;
    readonly signUps: string;
    readonly signIns: string;
    readonly failedSignIns: string;
    readonly day: string;
  };
  readonly factors: {
    readonly heading: string;
    readonly chartTitle: string;
    readonly chartDescription: (any: string, total: string) => string;
    readonly totp: string;
    readonly passkey: string;
    readonly phone: string;
    readonly recoveryCodes: string;
    readonly any: string;
  };
  readonly apps: {
    readonly heading: string;
    readonly caption: string;
    readonly name: string;
    readonly status: string;
    readonly members: string;
    readonly activeSessions: string;
    readonly signIns: string;
    readonly none: string;
    readonly statuses: Readonly<Record<'active' | 'disabled', string>>;
  };
}

const en: ConsoleStatsStrings = {
  title: 'Stats',
  intro: (at) => `Figures as of ${at}. Days are UTC days; the last 30 are shown.`,
  users: {
    heading: 'Users',
    total: 'All users',
    active: 'Active',
    suspended: 'Suspended',
    revoked: 'Revoked',
    deleted: 'Deleted (restorable)',
    unverified: 'Address not confirmed',
    activeSessions: 'Live sessions',
  },
  activity: {
    heading: 'Sign-ups and sign-ins',
    chartTitle: 'Sign-ups and sign-ins per day',
    chartDescription: (signUps, signIns) =>
      `Over the last 30 days: ${signUps} sign-ups and ${signIns} sign-ins. The table below the chart lists every day.`,
    failuresTitle: 'Failed sign-ins per day',
    failuresDescription: (failed) =>
      `Over the last 30 days: ${failed} failed sign-ins. A sudden rise can mean someone is guessing passwords.`,
    signUps: 'Sign-ups',
    signIns: 'Sign-ins',
    failedSignIns: 'Failed sign-ins',
    day: 'Day',
  },
  factors: {
    heading: 'Second factors',
    chartTitle: 'Users with each second factor',
    chartDescription: (any, total) => `${any} of ${total} users have at least one second factor.`,
    totp: 'Authenticator app',
    passkey: 'Passkey',
    phone: 'Phone (SMS)',
    recoveryCodes: 'Recovery codes',
    any: 'Any second factor',
  },
  apps: {
    heading: 'Apps',
    caption: 'Members, live sessions and sign-ins of the last 30 days, per app',
    name: 'App',
    status: 'Status',
    members: 'Members',
    activeSessions: 'Live sessions',
    signIns: 'Sign-ins (30 days)',
    none: 'There are no apps yet.',
    statuses: { active: 'Active', disabled: 'Disabled' },
  },
};

const de: ConsoleStatsStrings = {
  title: 'Statistik',
  intro: (at) => `Stand: ${at}. Tage sind UTC-Tage; gezeigt werden die letzten 30.`,
  users: {
    heading: 'Benutzer',
    total: 'Alle Benutzer',
    active: 'Aktiv',
    suspended: 'Gesperrt',
    revoked: 'Widerrufen',
    deleted: 'Gelöscht (wiederherstellbar)',
    unverified: 'Adresse nicht bestätigt',
    activeSessions: 'Aktive Sitzungen',
  },
  activity: {
    heading: 'Registrierungen und Anmeldungen',
    chartTitle: 'Registrierungen und Anmeldungen pro Tag',
    chartDescription: (signUps, signIns) =>
      `In den letzten 30 Tagen: ${signUps} Registrierungen und ${signIns} Anmeldungen. Die Tabelle unter dem Diagramm führt jeden Tag auf.`,
    failuresTitle: 'Fehlgeschlagene Anmeldungen pro Tag',
    failuresDescription: (failed) =>
      `In den letzten 30 Tagen: ${failed} fehlgeschlagene Anmeldungen. Ein plötzlicher Anstieg kann bedeuten, dass jemand Passwörter errät.`,
    signUps: 'Registrierungen',
    signIns: 'Anmeldungen',
    failedSignIns: 'Fehlgeschlagene Anmeldungen',
    day: 'Tag',
  },
  factors: {
    heading: 'Zweite Faktoren',
    chartTitle: 'Benutzer je zweitem Faktor',
    chartDescription: (any, total) => `${any} von ${total} Benutzern haben mindestens einen zweiten Faktor.`,
    totp: 'Authenticator-App',
    passkey: 'Passkey',
    phone: 'Telefon (SMS)',
    recoveryCodes: 'Wiederherstellungscodes',
    any: 'Irgendein zweiter Faktor',
  },
  apps: {
    heading: 'Apps',
    caption: 'Mitglieder, aktive Sitzungen und Anmeldungen der letzten 30 Tage je App',
    name: 'App',
    status: 'Status',
    members: 'Mitglieder',
    activeSessions: 'Aktive Sitzungen',
    signIns: 'Anmeldungen (30 Tage)',
    none: 'Es gibt noch keine Apps.',
    statuses: { active: 'Aktiv', disabled: 'Deaktiviert' },
  },
};

export const consoleStatsStrings: Readonly<Record<Locale, ConsoleStatsStrings>> = { en, de };

export function consoleStatsStringsFor(view: Pick<PageView, 'locale'>): ConsoleStatsStrings {
  return consoleStatsStrings[view.locale];
}
