import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Which conversation of the Playground is open; the two render messages differently. */
export type ConversationKind = 'chat' | 'channel';

export interface OpenPlaygroundOptions {
  /** The Playground's page, e.g. `http://127.0.0.1:56150`. */
  url: string;
  /** The bot's display name in the Playground (its default configuration says "Test Bot"). */
  botName?: string;
  /** Default for every wait on the bot, in ms; generous because the machine has two cores. */
  replyTimeoutMs?: number;
}

export interface WaitForReplyOptions {
  timeoutMs?: number;
}

/** Text of one bot message as a user sees it (card text included), without the header. */
export interface BotMessage {
  /** Stable id the page helpers gave this message element; used to find its buttons. */
  id: string;
  text: string;
  /** Titles of the card buttons in this message. */
  buttons: string[];
}

/**
 * Drives the Microsoft 365 Agents Playground page as a user would: pick a conversation, type,
 * press Enter, read what the bot answered, click card buttons. "New" replies are the bot
 * messages that were not on screen when the last message was sent or button clicked, so a
 * wait never matches an older answer.
 */
export class PlaygroundPage {
  private kind: ConversationKind = 'chat';
  /** The message the last `waitForReply` returned: its buttons are the ones clicked next. */
  private lastReplyId: string | undefined;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly options: Required<OpenPlaygroundOptions>,
  ) {}

  /** Opens the Playground in a fresh browser context and waits until the composer is ready. */
  static async open(browser: Browser, options: OpenPlaygroundOptions): Promise<PlaygroundPage> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(IN_PAGE_HELPERS);
    const page = await context.newPage();
    await page.goto(options.url);
    const playground = new PlaygroundPage(page, context, {
      botName: 'Test Bot',
      replyTimeoutMs: 45_000,
      ...options,
    });
    await playground.composer().waitFor({ state: 'visible', timeout: 30_000 });

    return playground;
  }

  /** Switches to the one-to-one chat with the bot. */
  async openPersonalChat(): Promise<void> {
    await this.page.getByRole('treeitem', { name: 'Personal Chat' }).click();
    this.kind = 'chat';
    await this.composer().waitFor({ state: 'visible' });
  }

  /** Switches to a channel of the Playground's team ("General" or "Announcements"). */
  async openChannel(name = 'General'): Promise<void> {
    await this.page.getByRole('treeitem', { name: `My Team - ${name}` }).click();
    this.kind = 'channel';
    await this.page.getByText('Start a new post').waitFor({ state: 'visible' });
  }

  /**
   * Types a message and presses Enter. In a channel it starts a new post and, with `mentionBot`,
   * picks the bot from the composer's @ menu first: the Playground then sends the text as
   * `<at>Test Bot</at> text` with a mention entity, like Teams; without it the bot is not called.
   */
  async sendMessage(text: string, options: { mentionBot?: boolean } = {}): Promise<void> {
    await this.markAllSeen();
    await this.composer().click();
    if (options.mentionBot) {
      await this.page.keyboard.type(`@${this.options.botName.slice(0, 4)}`);
      await this.page.getByRole('menuitem', { name: this.options.botName }).click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Waits for a bot message that appeared (or changed in place) since the last send or click and
   * whose text matches; returns it. Fails with the texts that did arrive.
   */
  async waitForReply(
    match: string | RegExp,
    options: WaitForReplyOptions = {},
  ): Promise<BotMessage> {
    const timeoutMs = options.timeoutMs ?? this.options.replyTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    let fresh: BotMessage[] = [];
    while (Date.now() < deadline) {
      fresh = await this.readBotMessages({ onlyNew: true });
      const found = fresh.find((message) => matches(message.text, match));
      if (found) {
        this.lastReplyId = found.id;
        return found;
      }
      await this.page.waitForTimeout(250);
    }
    const seen = fresh.map((message) => JSON.stringify(clip(message.text))).join(', ') || 'none';
    throw new Error(`no bot reply matching ${String(match)} within ${timeoutMs} ms (new: ${seen})`);
  }

  /**
   * Clicks the card button with this title in the last reply waited for, or else in the newest
   * bot message that has one (channels list the newest post first, chats last). A reply is then
   * a new bot message or this card once it changed in place (Action.Execute updates it).
   */
  async clickCardButton(title: string): Promise<void> {
    const selector = `.ac-adaptiveCard button[title="${cssString(title)}"]`;
    const inLastReply = this.page.locator(`[data-e2e-id="${this.lastReplyId}"] ${selector}`);
    const anywhere = this.page.locator(selector);
    const count = await anywhere.count();
    if (count === 0) throw new Error(`no card button titled "${title}" on screen`);
    const newest = anywhere.nth(this.kind === 'channel' ? 0 : count - 1);
    const button = (await inLastReply.count()) > 0 ? inLastReply.first() : newest;

    await this.markAllSeen();
    await button.evaluate((element) =>
      (globalThis as unknown as PageGlobals).e2ePlayground.watchForUpdate(element),
    );
    await button.click();
  }

  /** Makes every bot message on screen count as old: later waits only see what comes next. */
  async markAllSeen(): Promise<void> {
    await this.page.evaluate(
      ([kind, botName]) =>
        (globalThis as unknown as PageGlobals).e2ePlayground.markSeen(kind, botName),
      [this.kind, this.options.botName] as const,
    );
  }

  /**
   * The bot message a user would call "the last answer", read now: the reply the last
   * `waitForReply` returned (its card may have changed since), or else the newest bot message
   * on screen (channels list the newest post first, chats last). Undefined when there is none.
   */
  async readLastBotMessage(): Promise<BotMessage | undefined> {
    const all = await this.readBotMessages({ onlyNew: false });
    const last = all.find((message) => message.id === this.lastReplyId);

    return last ?? (this.kind === 'channel' ? all[0] : all.at(-1));
  }

  /**
   * Saves a screenshot of the whole window, creating the folder when needed. With `height` the
   * window is that tall for the shot (the chat keeps its newest message at the bottom, so a long
   * card then shows whole) and gets its size back afterwards.
   */
  async screenshot(path: string, options: { height?: number } = {}): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    const size = this.page.viewportSize();
    if (!options.height || !size) {
      await this.page.screenshot({ path });
      return;
    }
    await this.page.setViewportSize({ width: size.width, height: options.height });
    try {
      // Let the chat re-lay itself out and scroll to its newest message before the shot.
      await this.page.waitForTimeout(500);
      await this.page.screenshot({ path });
    } finally {
      await this.page.setViewportSize(size);
    }
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  private composer() {
    // The composer is a Lexical rich-text editor, not a textarea; the first one on the page is
    // the chat's message box or, in a channel, the "Start a new post" box.
    return this.page.locator('[data-lexical-editor="true"]').first();
  }

  private async readBotMessages(options: { onlyNew: boolean }): Promise<BotMessage[]> {
    return this.page.evaluate(
      ([kind, botName, onlyNew]) =>
        (globalThis as unknown as PageGlobals).e2ePlayground.read(kind, botName, onlyNew),
      [this.kind, this.options.botName, options.onlyNew] as const,
    );
  }
}

/** What the script below adds to the page's `window`. */
interface InPageHelpers {
  markSeen(kind: ConversationKind, botName: string): void;
  read(kind: ConversationKind, botName: string, onlyNew: boolean): BotMessage[];
  watchForUpdate(element: unknown): void;
}

/** The page's global object once the script below ran (the project compiles without DOM types). */
interface PageGlobals {
  e2ePlayground: InPageHelpers;
}

/**
 * Runs in the page (kept as source text so that no compiler helper leaks into it). The
 * Playground's markup has no test ids, so bot messages are found by its accessibility labels:
 * in chats the header's "Message author" label, in channels the bot's avatar (role img, labelled
 * with its name) at the start of each reply's header row. A message's first child is its header
 * (author, time), the second its body (text or card).
 */
const IN_PAGE_HELPERS = `(() => {
  const SEEN = 'data-e2e-seen';
  const BEFORE = 'data-e2e-text-before';
  let nextId = 1;
  const outside = (el) => !el.closest('[role="tree"], [role="menu"], [role="listbox"]');
  const find = (kind, botName) => {
    if (kind === 'chat') {
      return [...document.querySelectorAll('[aria-label="Message author"]')]
        .filter((author) => outside(author) && author.textContent.trim() === botName)
        .map((author) => author.closest('[aria-label="Message header"]').parentElement);
    }
    return [...document.querySelectorAll('span[role="img"]')]
      .filter((avatar) => outside(avatar) && avatar.getAttribute('aria-label') === botName)
      .map((avatar) => avatar.parentElement.parentElement);
  };
  window.e2ePlayground = {
    markSeen(kind, botName) {
      for (const el of find(kind, botName)) {
        el.setAttribute(SEEN, '1');
        el.removeAttribute(BEFORE);
      }
    },
    read(kind, botName, onlyNew) {
      const text = (el) => (el.children[1] || el).innerText.trim();
      return find(kind, botName)
        .filter((el) => {
          if (!onlyNew || !el.hasAttribute(SEEN)) return true;
          return el.hasAttribute(BEFORE) && el.getAttribute(BEFORE) !== text(el);
        })
        .map((el) => {
          if (!el.hasAttribute('data-e2e-id')) el.setAttribute('data-e2e-id', String(nextId++));
          const buttons = [...el.querySelectorAll('.ac-adaptiveCard button[title]')];
          return {
            id: el.getAttribute('data-e2e-id'),
            text: text(el),
            buttons: buttons.map((b) => b.getAttribute('title')),
          };
        });
    },
    watchForUpdate(element) {
      // A card updated in place (Action.Execute) is a reply once its text differs from now.
      const message = element.closest('[' + SEEN + ']');
      if (message) message.setAttribute(BEFORE, (message.children[1] || message).innerText.trim());
    },
  };
})();`;

function matches(text: string, match: string | RegExp): boolean {
  return typeof match === 'string'
    ? text.toLowerCase().includes(match.toLowerCase())
    : match.test(text);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');

  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
