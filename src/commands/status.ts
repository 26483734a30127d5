import { defineCommand } from './command.js';
import { createMessageReply } from './message-reply.js';

/** `status`: where the bot runs, on which workspace, as whom, which version. */
export const statusCommand = defineCommand({
  name: 'status',
  aliases: ['version', 'about'],
  usage: 'status',
  example: 'status',
  summary: 'Mode (sandbox or Azure), workspace, the Azure identity in use and the version.',
  operatorOnly: false,
  verb: 'status',
  parse: () => undefined,
  async run({ deps, canOperate }) {
    const { environment } = deps;
    const { workspace } = deps.azure;
    const sandbox = environment.azureKind === 'sandbox';

    return createMessageReply({
      title: sandbox ? 'Running on the Azure sandbox' : 'Running on Azure',
      tone: sandbox ? 'warning' : 'good',
      text: sandbox
        ? 'Azure calls go to the embedded Azure sandbox: nothing here touches a real tenant.'
        : 'Azure calls go to your Azure tenant.',
      facts: [
        { title: 'Mode', value: sandbox ? `sandbox (${environment.azureLocation})` : 'Azure' },
        { title: 'Workspace', value: workspace.workspaceName },
        { title: 'Resource group', value: workspace.resourceGroup },
        { title: 'Subscription', value: workspace.subscriptionId },
        { title: 'Workspace id', value: workspace.workspaceId },
        { title: 'Azure identity', value: await environment.describeIdentity() },
        {
          title: 'Callers',
          value:
            environment.botMode === 'production'
              ? 'verified with Bot Framework tokens'
              : 'not authenticated (local mode, loopback only)',
        },
        { title: 'You may change Azure', value: canOperate ? 'yes' : 'no' },
        { title: 'Version', value: environment.version },
      ],
    });
  },
});
