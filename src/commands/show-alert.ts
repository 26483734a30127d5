import type { AlertDetail } from '../azure/iot-security-gateway.js';
import { formatUtc, getSeverityColor } from '../cards/format-card-values.js';
import { ErrorCodes, UsageError } from '../errors.js';
import { defineCommand } from './command.js';
import { UserFacingError } from './message-reply.js';

/** SystemAlertId values are GUIDs or similar tokens; nothing else may reach a query (F22). */
export const ALERT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const NOT_AVAILABLE = 'not available';

/** `show alert ID`: one alert in full, with its JSON columns parsed. */
export const showAlertCommand = defineCommand({
  name: 'show alert',
  aliases: ['alert'],
  usage: 'show alert ID',
  // No id is the same in every workspace, so the example says where to copy one from.
  example: 'show alert ID, with ID copied from the Alert id line of a Details card',
  summary:
    'One alert in full: description, device, hub, remediation steps and properties. The ' +
    'Details button of `show iot alerts` opens the same view.',
  operatorOnly: false,
  verb: 'showAlert',
  // Cards send `systemAlertId`; `alertId` is the older name, still accepted from posted cards.
  argsFromData: (data) => {
    const id = data.systemAlertId ?? data.alertId;
    return typeof id === 'string' ? id : '';
  },
  parse(args: string) {
    const id = args.trim();
    if (!ALERT_ID_PATTERN.test(id)) {
      throw new UsageError(
        'Give the id of an alert: press Details on a row of `show iot alerts` and copy its ' +
          'Alert id line, or use the SystemAlertId from Sentinel.',
      );
    }
    return id;
  },
  async run({ deps }, id) {
    const alert = await deps.azure.getAlert(id);
    if (!alert) {
      throw new UserFacingError(ErrorCodes.AlertNotFound, {
        title: 'No such alert',
        tone: 'warning',
        text: `No Defender for IoT alert with id ${id} in the last 90 days.`,
        hint: 'Type `show iot alerts` to see recent alerts and their ids.',
      });
    }

    return renderAlert(alert);
  },
});

function renderAlert(alert: AlertDetail) {
  const facts = [
    { title: 'Time', value: formatUtc(alert.timeGenerated) },
    { title: 'Status', value: alert.status || NOT_AVAILABLE },
    { title: 'Device', value: alert.device || NOT_AVAILABLE },
    { title: 'IoT hub', value: alert.hub || NOT_AVAILABLE },
    { title: 'Started', value: alert.startTime ? formatUtc(alert.startTime) : NOT_AVAILABLE },
    { title: 'Alert type', value: alert.alertType || NOT_AVAILABLE },
    { title: 'Resource', value: alert.resourceId || NOT_AVAILABLE },
    { title: 'Alert id', value: alert.systemAlertId },
  ];
  const properties = alert.extendedProperties
    ? Object.entries(alert.extendedProperties).map(([title, value]) => ({ title, value }))
    : [{ title: 'Details', value: NOT_AVAILABLE }];
  const entities = alert.entities ? alert.entities.map(describeEntity) : [NOT_AVAILABLE];
  const remediation = alert.remediationSteps ?? [NOT_AVAILABLE];

  return {
    card: 'alert-detail' as const,
    fallbackText: [
      `${alert.severity} · ${alert.name}`,
      ...facts.map((f) => `${f.title}: ${f.value}`),
      alert.description,
      ...remediation.map((step) => `- ${step}`),
    ].join('\n'),
    data: {
      severity: alert.severity || NOT_AVAILABLE,
      name: alert.name || NOT_AVAILABLE,
      color: getSeverityColor(alert.severity),
      facts,
      description: alert.description || NOT_AVAILABLE,
      remediation: remediation.length > 0 ? remediation : ['none given'],
      properties: properties.length > 0 ? properties : [{ title: 'Details', value: 'none' }],
      entities: entities.length > 0 ? entities : ['none'],
    },
  };
}

function describeEntity(entity: Record<string, unknown>): string {
  const type = typeof entity.Type === 'string' ? entity.Type : 'entity';
  const details = Object.entries(entity)
    .filter(([key]) => key !== 'Type' && !key.startsWith('$'))
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);

  return details.length > 0 ? `${type}: ${details.join(', ')}` : type;
}
