import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { BotError, ErrorCodes } from '../errors.js';
import { prepareCardData } from './prepare-card-data.js';

/** The templates kept in the top-level `cards/` folder, by file name without `.json`. */
export const CARD_NAMES = [
  'help',
  'subscriptions',
  'hubs',
  'check',
  'alerts',
  'alert-detail',
  'message',
  'alert-notice',
  'alert-digest',
  'confirm',
  'audit',
] as const;

export type CardName = (typeof CARD_NAMES)[number];

/** What a command answers: a template, the data bound to it and a plain-text stand-in. */
export interface CardReply {
  card: CardName;
  data: Record<string, unknown>;
  /** Shown where the card cannot be (notifications, old clients, screen readers). */
  fallbackText: string;
  /**
   * The list that may be cut when the card is over the size budget: `data[key]` is an array, and
   * `data.moreText` tells the reader how many `noun` were left out (counting `data.moreCount`).
   */
  trim?: { key: string; noun: string };
}

/** An outgoing message activity carrying one Adaptive Card. */
export interface CardActivity {
  type: 'message';
  summary: string;
  attachments: Array<{ contentType: string; content: Record<string, unknown> }>;
}

export interface CardRendererOptions {
  /** Line shown at the bottom of every card (sandbox mode); empty for none. */
  footer?: string;
  /** Largest UTF-8 size of the whole outgoing activity, in bytes; default 20 KB (Teams: ~28 KB). */
  budgetBytes?: number;
  /** Folder holding the templates; default the top-level `cards/`. */
  templatesDir?: URL;
}

export interface CardRenderer {
  /** Binds the reply's data to its template and returns the activity to send. */
  render(reply: CardReply): CardActivity;
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const DEFAULT_BUDGET_BYTES = 20 * 1024;
const DEFAULT_TEMPLATES_DIR = new URL('../../cards/', import.meta.url);

// A field the template names but the data lacks would otherwise be rendered as its own
// expression text (`${name}`), showing template internals to users (F25).
ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = () => '—';

/**
 * Loads every template once and returns a renderer. Azure and user text only ever travel as data
 * bound to the templates, never spliced into template JSON (F25).
 *
 * @throws BotError `CARD_TEMPLATE_INVALID` when a template file is missing or not JSON.
 */
export function createCardRenderer(options: CardRendererOptions = {}): CardRenderer {
  const dir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const templates = new Map(CARD_NAMES.map((name) => [name, loadTemplate(dir, name)]));

  const expand = (reply: CardReply, data: Record<string, unknown>): CardActivity => {
    const template = new ACData.Template(templates.get(reply.card));
    const content = template.expand({
      $root: prepareCardData({ ...data, footer: options.footer ?? '' }),
    }) as Record<string, unknown>;
    content.fallbackText = reply.fallbackText;

    return {
      type: 'message',
      summary: reply.fallbackText,
      attachments: [{ contentType: CARD_CONTENT_TYPE, content }],
    };
  };

  return {
    render(reply) {
      let data = withMoreText(reply, reply.data, 0);
      let activity = expand(reply, data);
      let cut = 0;
      // Cut rows from the end until the card fits; each step re-measures the real output (F15).
      while (measureBytes(activity) > budget && reply.trim && cut < listLength(reply)) {
        cut += 1;
        data = withMoreText(reply, reply.data, cut);
        activity = expand(reply, data);
      }
      if (measureBytes(activity) > budget) {
        activity = expand(tooLargeReply(reply), tooLargeReply(reply).data);
      }

      return activity;
    },
  };
}

/** UTF-8 size of an activity as it goes over the wire. */
export function measureBytes(activity: unknown): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

function loadTemplate(dir: URL, name: CardName): unknown {
  try {
    return JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
  } catch (error) {
    throw new BotError(ErrorCodes.CardTemplateInvalid, `Card template ${name} cannot be read`, {
      cause: error,
    });
  }
}

function listLength(reply: CardReply): number {
  const list = reply.trim ? reply.data[reply.trim.key] : undefined;

  return Array.isArray(list) ? list.length : 0;
}

function withMoreText(reply: CardReply, data: Record<string, unknown>, cut: number) {
  if (!reply.trim) return data;
  const list = data[reply.trim.key];
  const kept = Array.isArray(list) ? list.slice(0, list.length - cut) : [];
  const more = Number(data.moreCount ?? 0) + cut;
  const note = cut > 0 ? ' (cut to keep the card small enough for Teams)' : '';

  return {
    ...data,
    [reply.trim.key]: kept,
    moreText: more > 0 ? `${more} more ${reply.trim.noun} not shown${note}.` : '',
  };
}

function tooLargeReply(reply: CardReply): CardReply {
  return {
    card: 'message',
    fallbackText: reply.fallbackText.slice(0, 2000),
    data: {
      title: 'This answer is too large for a card',
      tone: 'warning',
      text: reply.fallbackText.slice(0, 2000),
      facts: [],
      items: [],
    },
  };
}
