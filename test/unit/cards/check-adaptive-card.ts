import { createRequire } from 'node:module';

// The package's main entry does not load in plain Node (see ../shared/tools/CARDS.md); the bundled
// build does, and it is the same object model Teams' web client renders with.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Array<{ message: string }> };
  };
  SerializationContext: new () => {
    eventCount: number;
    getEventAt(index: number): { message: string };
  };
};

/**
 * Parses and validates a card with Microsoft's `adaptivecards` package and returns every parse
 * and validation message; an empty list means the card is well-formed for the renderer.
 */
export function checkAdaptiveCard(card: unknown): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  const messages: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) messages.push(context.getEventAt(i).message);
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    messages.push(event.message);
  }

  return messages;
}
