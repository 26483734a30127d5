/**
 * Defender for IoT alert types the sandbox raises: the display names, AlertType codes and
 * severities Defender for IoT uses. Descriptions and remediation steps are our own wording.
 */
export interface AlertDefinition {
  alertName: string;
  alertType: string;
  severity: 'High' | 'Medium' | 'Low' | 'Informational';
  description: string;
  remediationSteps: string[];
  tactics: string;
  /** `hub`: raised on the hub itself (no device); `device`: raised for one device. */
  scope: 'hub' | 'device';
  /** Relative frequency in seeded and generated data. */
  weight: number;
}

export const ALERT_CATALOG: readonly AlertDefinition[] = [
  {
    alertName: 'New certificate added to an IoT Hub',
    alertType: 'IoT_CertificateSuccessfullyAddedToHub',
    severity: 'Medium',
    description: 'A certificate was uploaded to the IoT hub. Confirm that the change was planned.',
    remediationSteps: [
      'Review who added the certificate and remove it if the change was not planned.',
    ],
    tactics: 'Persistence',
    scope: 'hub',
    weight: 2,
  },
  {
    alertName: 'Certificate deleted from an IoT Hub',
    alertType: 'IoT_CertificateSuccessfullyDeletedFromHub',
    severity: 'Medium',
    description:
      'A certificate was removed from the IoT hub. Devices relying on it may stop connecting.',
    remediationSteps: [
      'Check the activity log for the caller and restore the certificate if needed.',
    ],
    tactics: 'Impact',
    scope: 'hub',
    weight: 1,
  },
  {
    alertName: 'Unsuccessful attempt detected to add a certificate to an IoT Hub',
    alertType: 'Hub_CertificateFailedToBeAddedToHub',
    severity: 'Medium',
    description: 'Someone tried to add a certificate to the IoT hub and the request failed.',
    remediationSteps: ['Verify the identity that attempted the upload and its permissions.'],
    tactics: 'Persistence',
    scope: 'hub',
    weight: 1,
  },
  {
    alertName: 'Unsuccessful attempt detected to delete a certificate from an IoT Hub',
    alertType: 'IoT.Hub_CertificateFailedToBeDeletedFromHub',
    severity: 'Medium',
    description: 'Someone tried to delete a certificate from the IoT hub and the request failed.',
    remediationSteps: ['Verify the identity that attempted the deletion and its permissions.'],
    tactics: 'Impact',
    scope: 'hub',
    weight: 1,
  },
  {
    alertName: 'x.509 device certificate thumbprint mismatch',
    alertType: 'IoT_Cert_Print_Mismatch',
    severity: 'Medium',
    description:
      'A device presented an x.509 certificate whose thumbprint does not match its registration.',
    remediationSteps: [
      'Check the device identity and re-provision its certificate if it was replaced.',
    ],
    tactics: 'CredentialAccess',
    scope: 'device',
    weight: 3,
  },
  {
    alertName: 'x.509 certificate expired',
    alertType: 'IoT_Cert_Expired',
    severity: 'Medium',
    description: 'A device tried to connect with an expired x.509 certificate.',
    remediationSteps: ['Renew the device certificate and update the device registration.'],
    tactics: 'InitialAccess',
    scope: 'device',
    weight: 3,
  },
  {
    alertName: 'Attempt to add or edit a diagnostic setting of an IoT Hub detected',
    alertType: 'IoT_DiagnosticSettingAddedOrEditedOnHub',
    severity: 'Low',
    description: 'A diagnostic setting of the IoT hub was created or changed.',
    remediationSteps: ['Confirm the new diagnostic destination is one your organization owns.'],
    tactics: 'DefenseEvasion',
    scope: 'hub',
    weight: 2,
  },
  {
    alertName: 'Attempt to delete a diagnostic setting from an IoT Hub detected',
    alertType: 'IoT_DiagnosticSettingDeletedFromHub',
    severity: 'Low',
    description:
      'A diagnostic setting was removed from the IoT hub, which can hide later activity.',
    remediationSteps: ['Restore the diagnostic setting and review who removed it.'],
    tactics: 'DefenseEvasion',
    scope: 'hub',
    weight: 1,
  },
  {
    alertName: 'Expired SAS Token',
    alertType: 'IoT_Expired_SAS_Token',
    severity: 'Low',
    description: 'A device used an expired SAS token to reach the IoT hub.',
    remediationSteps: ['Issue the device a fresh SAS token and check its clock.'],
    tactics: 'InitialAccess',
    scope: 'device',
    weight: 4,
  },
  {
    alertName: 'Invalid SAS token signature',
    alertType: 'IoT_Invalid_SAS_Token',
    severity: 'Low',
    description: 'A device presented a SAS token whose signature is not valid.',
    remediationSteps: ['Rotate the device keys and check the device for tampering.'],
    tactics: 'CredentialAccess',
    scope: 'device',
    weight: 4,
  },
  {
    alertName: 'Privileged container detected',
    alertType: 'IoT_PrivilegedContainer',
    severity: 'Medium',
    description: 'A container with full host privileges is running on the device.',
    remediationSteps: ['Run the container without privileged mode unless it truly needs it.'],
    tactics: 'PrivilegeEscalation',
    scope: 'device',
    weight: 2,
  },
  {
    alertName: 'Failed Bruteforce',
    alertType: 'IoT_Bruteforce_Fail',
    severity: 'Low',
    description:
      'Many failed sign-in attempts were seen on the device; the attack did not succeed.',
    remediationSteps: ['Block the source address and enforce key-based sign-in on the device.'],
    tactics: 'CredentialAccess',
    scope: 'device',
    weight: 3,
  },
  {
    alertName: 'Successful Bruteforce',
    alertType: 'IoT_Bruteforce_Success',
    severity: 'High',
    description: 'A run of failed sign-ins on the device ended with a successful one.',
    remediationSteps: [
      'Isolate the device and reset its credentials.',
      'Review the processes started after the sign-in.',
    ],
    tactics: 'CredentialAccess',
    scope: 'device',
    weight: 1,
  },
];
