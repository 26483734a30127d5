import type { CardReply } from '../cards/render-card.js';
import type { IotSecurityGateway } from '../azure/iot-security-gateway.js';
import type { Logger } from '../logging/create-logger.js';
import type { AuditTrail, Caller } from '../security/access-policy.js';

/** Where the bot runs and as whom, for `status` and card footers. */
export interface BotEnvironment {
  /** `sandbox` when Azure calls go to the embedded Azure sandbox. */
  azureKind: 'sandbox' | 'azure';
  /** Where Azure calls go, e.g. the sandbox URL or "Azure (management.azure.com)". */
  azureLocation: string;
  /** `production` when callers must present Bot Framework tokens. */
  botMode: 'local' | 'production';
  version: string;
  /** Describes the Azure identity in use (name or app id, object id) without secrets. */
  describeIdentity(): Promise<string>;
}

/** The collaborators every command may use; built once in the composition root. */
export interface CommandDeps {
  azure: IotSecurityGateway;
  environment: BotEnvironment;
  audit: AuditTrail;
  now: () => Date;
  /** Alert notices, when running: `connect sub` asks to hear about the first alert. */
  notices?: ConnectionFollowUp;
}

/** Says in a conversation when the first alert of a newly connected subscription arrived. */
export interface ConnectionFollowUp {
  trackConnection(
    conversationId: string,
    options: { subscriptionId: string; subscriptionName?: string },
  ): Promise<void>;
}

/** One run of a command. */
export interface CommandContext {
  caller: Caller;
  /** The conversation the command was typed or clicked in. */
  conversationId: string;
  logger: Logger;
  deps: CommandDeps;
  /** Whether the caller may run operator-only commands (help lists only what they may run). */
  canOperate: boolean;
  /** Every registered command, for `help`. */
  commands: readonly Command[];
}

/** An alias that also supplies arguments, e.g. `enable incidents` = `incidents on`. */
export interface AliasWithArgs {
  phrase: string;
  args: string;
}

/**
 * A chat command. Typed text, Action.Submit data and `adaptiveCard/action` invokes all end in the
 * same `parse` and `run`: card data is turned back into argument text by `argsFromData`, so a
 * button can never bypass the validation typed text gets.
 */
export interface Command<Args = unknown> {
  /** Canonical phrase, lower case, e.g. `show iot alerts`. */
  name: string;
  aliases: ReadonlyArray<string | AliasWithArgs>;
  /** e.g. `connect sub X`. */
  usage: string;
  /** One realistic example. */
  example: string;
  summary: string;
  /**
   * True for commands that change Azure or what others receive; a function when only some forms
   * do (`incidents` shows the state to anyone, `incidents on` needs an operator).
   */
  operatorOnly: boolean | ((args: Args) => boolean);
  /** The `verb` card actions use for this command. */
  verb: string;
  /** Turns card action data into argument text; absent = the command takes no arguments. */
  argsFromData?(data: Record<string, unknown>): string;
  /** Validates argument text; throws `UsageError` with what to type instead. */
  parse(args: string): Args;
  run(context: CommandContext, args: Args): Promise<CardReply>;
}

/**
 * Registers a command with typed arguments. The table stores commands with their argument type
 * erased; that is safe because the router only ever passes `parse`'s result to the same
 * command's `run`.
 */
export function defineCommand<Args>(command: Command<Args>): Command {
  return command as unknown as Command;
}
