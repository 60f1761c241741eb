/**
 * The admin console's audit log page (`/console/audit`), English and German: the filters, the
 * table, paging, the downloads and what the page says about a filter it cannot use. Event types
 * are shown as the log names them (`user.signed_in`), the same words the API and exports use.
 */
import type { Locale } from '../../core/locale.js';
import type { PageView } from '../../http/route.js';

export interface ConsoleAuditStrings {
  readonly title: string;
  readonly intro: string;
  readonly errorSummaryTitle: string;
  readonly filters: {
    readonly legend: string;
    readonly actor: string;
    readonly actorHint: string;
    readonly target: string;
    readonly targetHint: string;
    readonly user: string;
    readonly userHint: string;
    readonly type: string;
    readonly typeHint: string;
    readonly outcome: string;
    readonly anyOutcome: string;
    readonly from: string;
    readonly fromHint: string;
    readonly to: string;
    readonly toHint: string;
    readonly submit: string;
    readonly clear: string;
  };
  readonly invalid: {
    readonly id: string;
    readonly type: string;
    readonly outcome: string;
    readonly date: string;
    readonly order: string;
    readonly cursor: string;
  };
  readonly downloads: {
    readonly heading: string;
    readonly hint: string;
    readonly csv: string;
    readonly jsonl: string;
  };
  readonly results: {
    readonly heading: string;
    readonly caption: string;
    readonly empty: string;
    readonly emptyFiltered: string;
    readonly emptyPage: string;
    readonly pagesLabel: string;
    readonly first: string;
    readonly next: string;
    readonly columns: {
      readonly at: string;
      readonly type: string;
      readonly actor: string;
      readonly target: string;
      readonly user: string;
      readonly via: string;
      readonly ip: string;
      readonly outcome: string;
      readonly details: string;
    };
    readonly selfActed: string;
    readonly none: string;
    readonly outcomes: Readonly<Record<'success' | 'failure', string>>;
  };
}

const en: ConsoleAuditStrings = {
  title: 'Audit log',
  intro: 'Everything that happened, newest first. Times are UTC.',
  errorSummaryTitle: 'There is a problem',
  filters: {
    legend: 'Filters',
    actor: 'Actor',
    actorHint: 'An operator’s user id, or cli',
    target: 'Target',
    targetHint: 'A user, app, role, invitation or token id',
    user: 'User',
    userHint: 'The user the event is about',
    type: 'Event types',
    typeHint: 'Choose one or several; none means all',
    outcome: 'Outcome',
    anyOutcome: 'Any outcome',
    from: 'From',
    fromHint: 'On or after this day',
    to: 'To',
    toHint: 'Up to and including this day',
    submit: 'Show events',
    clear: 'Clear the filters',
  },
  invalid: {
    id: 'Enter an id of at most 100 characters.',
    type: 'Choose event types from the list.',
    outcome: 'Choose success or failure.',
    date: 'Enter a date such as 2024-06-01.',
    order: 'The first day must not be after the last.',
    cursor: 'That page of the log no longer exists. Start again from the newest events.',
  },
  downloads: {
    heading: 'Download',
    hint: 'Every event these filters select, oldest first. Downloading is itself recorded in the log.',
    csv: 'Download CSV',
    jsonl: 'Download JSON lines',
  },
  results: {
    heading: 'Events',
    caption: 'Audit events, newest first',
    empty: 'The log is empty.',
    emptyFiltered: 'No event matches these filters.',
    emptyPage: 'There are no more events.',
    pagesLabel: 'Pages of the log',
    first: 'Newest events',
    next: 'Older events',
    columns: {
      at: 'Time',
      type: 'Event',
      actor: 'Actor',
      target: 'Target',
      user: 'User',
      via: 'Via',
      ip: 'IP address',
      outcome: 'Outcome',
      details: 'Details',
    },
    selfActed: 'The user',
    none: '—',
    outcomes: { success: 'Success', failure: 'Failure' },
  },
};

const de: ConsoleAuditStrings = {
  title: 'Protokoll',
  intro: 'Alles, was geschehen ist, das Neueste zuerst. Zeiten in UTC.',
  errorSummaryTitle: 'Es gibt ein Problem',
  filters: {
    legend: 'Filter',
    actor: 'Handelnde Person',
    actorHint: 'Die Benutzer-ID eines Operators oder cli',
    target: 'Ziel',
    targetHint: 'Die ID eines Benutzers, einer App, Rolle, Einladung oder eines Tokens',
    user: 'Benutzer',
    userHint: 'Der Benutzer, um den es geht',
    type: 'Ereignistypen',
    typeHint: 'Wählen Sie einen oder mehrere; keiner heißt alle',
    outcome: 'Ergebnis',
    anyOutcome: 'Jedes Ergebnis',
    from: 'Von',
    fromHint: 'An oder nach diesem Tag',
    to: 'Bis',
    toHint: 'Bis einschließlich dieses Tages',
    submit: 'Ereignisse anzeigen',
    clear: 'Filter zurücksetzen',
  },
  invalid: {
    id: 'Geben Sie eine ID mit höchstens 100 Zeichen ein.',
    type: 'Wählen Sie Ereignistypen aus der Liste.',
    outcome: 'Wählen Sie Erfolg oder Fehlschlag.',
    date: 'Geben Sie ein Datum wie 2024-06-01 ein.',
    order: 'Der erste Tag darf nicht nach dem letzten liegen.',
    cursor:
      'Diese Seite des Protokolls gibt es nicht mehr. Beginnen Sie wieder bei den neuesten Ereignissen.',
  },
  downloads: {
    heading: 'Herunterladen',
    hint: 'Alle Ereignisse, die diese Filter auswählen, das Älteste zuerst. Auch das Herunterladen wird protokolliert.',
    csv: 'Als CSV herunterladen',
    jsonl: 'Als JSON Lines herunterladen',
  },
  results: {
    heading: 'Ereignisse',
    caption: 'Protokollereignisse, das Neueste zuerst',
    empty: 'Das Protokoll ist leer.',
    emptyFiltered: 'Kein Ereignis passt zu diesen Filtern.',
    emptyPage: 'Es gibt keine weiteren Ereignisse.',
    pagesLabel: 'Seiten des Protokolls',
    first: 'Neueste Ereignisse',
    next: 'Ältere Ereignisse',
    columns: {
      at: 'Zeit',
      type: 'Ereignis',
      actor: 'Handelnde Person',
      target: 'Ziel',
      user: 'Benutzer',
      via: 'Über',
      ip: 'IP-Adresse',
      outcome: 'Ergebnis',
      details: 'Details',
    },
    selfActed: 'Der Benutzer selbst',
    none: '—',
    outcomes: { success: 'Erfolg', failure: 'Fehlschlag' },
  },
};

export const consoleAuditStrings: Readonly<Record<Locale, ConsoleAuditStrings>> = { en, de };

export function consoleAuditStringsFor(view: Pick<PageView, 'locale'>): ConsoleAuditStrings {
  return consoleAuditStrings[view.locale];
}
