import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { toAzureCallError } from '../../../src/azure/azure-call-error.js';
import { AzureOperations } from '../../../src/azure/azure-operations.js';

const restError = (statusCode: number, code: string) =>
  new RestError(`raw message with a secret token eyJabc for ${code}`, { statusCode, code });

describe('toAzureCallError (F10)', () => {
  it.each([
    [403, 'AuthorizationFailed', 'AZURE_AUTHORIZATION_FAILED'],
    [401, 'InvalidAuthenticationToken', 'AZURE_AUTHENTICATION_FAILED'],
    [429, 'TooManyRequests', 'AZURE_THROTTLED'],
    [409, 'Conflict', 'AZURE_CONFLICT'],
    [504, 'GatewayTimeout', 'AZURE_TIMEOUT'],
    [503, 'ServiceUnavailable', 'AZURE_UNAVAILABLE'],
    [400, 'BadRequest', 'AZURE_REQUEST_FAILED'],
  ])('maps HTTP %i %s to %s without Azure’s raw message', (status, azureCode, code) => {
    const error = toAzureCallError(restError(status, azureCode), AzureOperations.connect);

    expect(error.code).toBe(code);
    expect(error.azureCode).toBe(azureCode);
    expect(error.status).toBe(status);
    expect(`${error.message} ${error.fix}`).not.toContain('eyJabc');
  });

  it('names the missing role for AuthorizationFailed', () => {
    const error = toAzureCallError(restError(403, 'AuthorizationFailed'), AzureOperations.connect);

    expect(error.fix).toContain(
      'Contributor on the subscription and Microsoft Sentinel Contributor on the workspace',
    );
    expect(error.operation.what).toBe('connect the Defender for IoT connector');
  });

  it('treats a credential that cannot sign in as an authentication failure', () => {
    const unavailable = Object.assign(new Error('no identity'), {
      name: 'CredentialUnavailableError',
    });

    expect(toAzureCallError(unavailable, AzureOperations.listSubscriptions).code).toBe(
      'AZURE_AUTHENTICATION_FAILED',
    );
  });
});
