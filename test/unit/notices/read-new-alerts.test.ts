import { describe, expect, it } from 'vitest';
import { buildNewAlertsQuery, parseAlertRow } from '../../../src/notices/read-new-alerts.js';
import { hubId, SUB_A } from './notice-fakes.js';

describe('buildNewAlertsQuery', () => {
  it('windows by ingestion time, oldest first, one page', () => {
    expect(buildNewAlertsQuery(new Date('2026-12-03T12:00:00Z'), 250)).toBe(
      [
        'SecurityAlert',
        '| where ProductName == "Azure Security Center for IoT"',
        '| extend IngestedAt = ingestion_time()',
        '| where IngestedAt >= datetime(2026-12-03T12:00:00.000Z)',
        '| order by IngestedAt asc',
        '| take 250',
        '| project SystemAlertId, AlertName, AlertSeverity, Status, ResourceId, ' +
          'CompromisedEntity, Description, RemediationSteps, ExtendedProperties, AlertLink, ' +
          'TimeGenerated, IngestedAt',
      ].join('\n'),
    );
  });
});

describe('parseAlertRow', () => {
  const row = {
    SystemAlertId: 'id-1',
    AlertName: 'Web shell',
    AlertSeverity: 'high',
    Status: 'New',
    ResourceId: hubId(SUB_A.toUpperCase(), 'Hub-A'),
    CompromisedEntity: 'hub-a',
    RemediationSteps: '["Remove the file.","Rotate keys."]',
    ExtendedProperties: '{"DeviceId":"edge-3"}',
    AlertLink: 'https://portal.azure.com/#blade/x',
    TimeGenerated: new Date('2026-12-03T11:58:00Z'),
    IngestedAt: new Date('2026-12-03T12:04:00Z'),
  };

  it('reads subscription and hub from ResourceId and device and first step from JSON text', () => {
    expect(parseAlertRow(row)).toMatchObject({
      severity: 'High',
      subscriptionId: SUB_A,
      hubName: 'Hub-A',
      deviceId: 'edge-3',
      firstRemediationStep: 'Remove the file.',
      generatedAt: '2026-12-03T11:58:00.000Z',
      ingestedAt: '2026-12-03T12:04:00.000Z',
      portalUrl: 'https://portal.azure.com/#blade/x',
    });
  });

  it('survives malformed JSON columns and a link that is not the portal', () => {
    const parsed = parseAlertRow({
      ...row,
      ExtendedProperties: '{"DeviceId":',
      RemediationSteps: 'not json',
      AlertLink: 'https://evil.example/',
    });

    expect(parsed).toMatchObject({
      deviceId: 'hub-a',
      firstRemediationStep: 'not json',
      portalUrl: `https://portal.azure.com/#resource${hubId(SUB_A.toUpperCase(), 'Hub-A')}/overview`,
    });
  });

  it('skips a row without an id or ingestion time', () => {
    expect(parseAlertRow({ ...row, SystemAlertId: '' })).toBeUndefined();
    expect(parseAlertRow({ ...row, IngestedAt: undefined })).toBeUndefined();
  });
});
