import type { Scenario } from '../support/scenario-runner.js';
import { buttonsOnly } from './buttons-only.js';
import { channel } from './channel.js';
import { personalChat } from './personal-chat.js';
import { proactiveNotice } from './proactive-notice.js';
import { smoke } from './smoke.js';

/**
 * Every scenario, in the order they run. They share one bot and so one sandbox: the personal
 * chat connects a subscription before the channel checks that connecting twice changes nothing;
 * the buttons scenario disconnects and reconnects a subscription, so it runs last.
 */
export const ALL_SCENARIOS: readonly Scenario[] = [
  smoke,
  personalChat,
  channel,
  proactiveNotice,
  buttonsOnly,
];
