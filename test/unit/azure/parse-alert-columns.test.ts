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
      'User Names': 'root',
    });
  });

  it.each([
    ['JSON text of a list', '"[\\"10.17.132.238:\\"]"', '10.17.132.238:'],
    ['JSON text of two items', '"[\\"pi\\", \\"root\\"]"', 'pi, root'],
    ['a JSON list', '["pi","","root"]', 'pi, root'],
    ['JSON text of empty items', '"[\\"\\", \\" \\"]"', '—'],
    ['an empty list', '[]', '—'],
    ['a list holding a number', '["pi",3]', '["pi",3]'],
    ['text that only starts like a list', '"[not json"', '[not json'],
    ['JSON text of an object', '"{\\"a\\":1}"', '{"a":1}'],
  ])('shows an ExtendedProperties value given as %s readably', (_, json, shown) => {
    expect(parseExtendedProperties(`{"Source IPs":${json}}`)).toEqual({ 'Source IPs': shown });
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
