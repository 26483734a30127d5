import { describe, expect, it } from 'vitest';
import {
  parseEntities,
  parseExtendedProperties,
  parseRemediationSteps,
} from '../../../src/azure/parse-alert-columns.js';

describe('SecurityAlert JSON-in-string columns', () => {
  it('parses ExtendedProperties into text values', () => {
    expect(
      parseExtendedProperties('{"DeviceId":"plc-1","Port":502,"User Names":["root"]}'),
    ).toEqual({
      DeviceId: 'plc-1',
      Port: '502',
      'User Names': '["root"]',
    });
  });

  it.each([['{"DeviceId":'], ['[1,2]'], ['null'], [''], [42], [undefined]])(
    'gives undefined for malformed ExtendedProperties %j',
    (value) => {
      expect(parseExtendedProperties(value)).toBeUndefined();
    },
  );

  it('parses Entities and refuses arrays holding non-objects', () => {
    expect(parseEntities('[{"$id":"1","Type":"iotdevice"}]')).toEqual([
      { $id: '1', Type: 'iotdevice' },
    ]);
    expect(parseEntities('[{"$id":"1"}, "x"]')).toBeUndefined();
    expect(parseEntities('{not json')).toBeUndefined();
  });

  it('parses RemediationSteps arrays and keeps a plain sentence as one step', () => {
    expect(parseRemediationSteps('["Check the device.","Rotate keys."]')).toEqual([
      'Check the device.',
      'Rotate keys.',
    ]);
    expect(parseRemediationSteps('Review the device.')).toEqual(['Review the device.']);
    expect(parseRemediationSteps('["ok", 3]')).toBeUndefined();
    expect(parseRemediationSteps('[broken')).toBeUndefined();
  });
});
