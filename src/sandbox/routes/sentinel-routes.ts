import { SANDBOX_DATA, getWorkspaceResourceId } from '../sandbox-data.js';
import { syncAlertFlow, type SandboxContext } from '../sandbox-context.js';
import type { StoredAlertRule, StoredConnector } from '../sentinel-store.js';
import {
  armError,
  buildPage,
  isObject,
  sendJson,
  type Route,
  type SandboxResponse,
} from '../http/sandbox-http.js';
import { readIncidentRule } from './read-incident-rule.js';

const API_VERSIONS = ['2022-09-01-preview'];
const WORKSPACE =
  '^/subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)' +
  '/providers/Microsoft\\.OperationalInsights/workspaces/(?<ws>[^/]+)' +
  '/providers/Microsoft\\.SecurityInsights';

/** Sentinel data connectors (kind IOT) and alert rules (kind MicrosoftSecurityIncidentCreation). */
export function createSentinelRoutes(context: SandboxContext): Route[] {
  const { connectors, alertRules } = context.sentinel;
  const collection = (name: string) => new RegExp(`${WORKSPACE}/${name}/?$`, 'i');
  const item = (name: string) => new RegExp(`${WORKSPACE}/${name}/(?<id>[^/]+)$`, 'i');
  const route = (method: string, pattern: RegExp, handle: Route['handle']): Route => ({
    method,
    pattern,
    apiVersions: API_VERSIONS,
    handle: (request, params) => checkWorkspace(params) ?? handle(request, params),
  });

  return [
    route('GET', collection('dataConnectors'), (request) =>
      buildPage([...connectors.values()].map(describeConnector), request, context.pageSize),
    ),
    route('GET', item('dataConnectors'), (_request, { id = '' }) => {
      const connector = connectors.get(id);
      return connector
        ? sendJson(200, describeConnector(connector))
        : notFound('Data connector', id);
    }),
    route('PUT', item('dataConnectors'), (request, { id = '' }) => {
      const parsed = readConnector(request.body);
      if ('error' in parsed) return parsed.error;
      const existing = connectors.get(id);
      const conflict = checkEtag(parsed.etag, existing?.etag);
      if (conflict) return conflict;
      const connector: StoredConnector = {
        id,
        kind: 'IOT',
        ...parsed.value,
        etag: context.sentinel.newEtag(),
      };
      connectors.set(id, connector);
      syncAlertFlow(context, [
        connector.subscriptionId,
        existing?.subscriptionId ?? connector.subscriptionId,
      ]);
      return sendJson(existing ? 200 : 201, describeConnector(connector));
    }),
    route('DELETE', item('dataConnectors'), (_request, { id = '' }) => {
      const existing = connectors.get(id);
      if (!existing) return { status: 204 };
      connectors.delete(id);
      syncAlertFlow(context, [existing.subscriptionId]);
      return { status: 200 };
    }),
    route('GET', collection('alertRules'), (request) =>
      buildPage([...alertRules.values()].map(describeRule), request, context.pageSize),
    ),
    route('GET', item('alertRules'), (_request, { id = '' }) => {
      const rule = alertRules.get(id);
      return rule ? sendJson(200, describeRule(rule)) : notFound('Alert rule', id);
    }),
    route('PUT', item('alertRules'), (request, { id = '' }) => {
      const parsed = readIncidentRule(request.body, context.now());
      if ('error' in parsed) return parsed.error;
      const existing = alertRules.get(id);
      const conflict = checkEtag(parsed.etag, existing?.etag);
      if (conflict) return conflict;
      const rule: StoredAlertRule = {
        id,
        kind: 'MicrosoftSecurityIncidentCreation',
        etag: context.sentinel.newEtag(),
        properties: parsed.value,
      };
      alertRules.set(id, rule);
      return sendJson(existing ? 200 : 201, describeRule(rule));
    }),
    route('DELETE', item('alertRules'), (_request, { id = '' }) =>
      alertRules.delete(id) ? { status: 200 } : { status: 204 },
    ),
  ];
}

function checkWorkspace(params: Record<string, string>): SandboxResponse | undefined {
  const ws = SANDBOX_DATA.workspace;
  const same = (a: string, b: string | undefined) => a.toLowerCase() === (b ?? '').toLowerCase();
  if (!SANDBOX_DATA.subscriptions.some((s) => same(s.subscriptionId, params.sub))) {
    return armError(
      404,
      'SubscriptionNotFound',
      `The subscription '${params.sub}' could not be found.`,
    );
  }
  if (!same(ws.subscriptionId, params.sub) || !same(ws.resourceGroup, params.rg)) {
    return armError(
      404,
      'ResourceGroupNotFound',
      `Resource group '${params.rg}' could not be found.`,
    );
  }
  if (!same(ws.workspaceName, params.ws)) {
    return armError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.OperationalInsights/workspaces/${params.ws}' under resource group '${params.rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
  }

  return undefined;
}

/** Sentinel compares the body's etag with the stored one; a stale or unknown etag is a conflict. */
function checkEtag(
  given: string | undefined,
  stored: string | undefined,
): SandboxResponse | undefined {
  if (given === undefined || given === stored) return undefined;

  return armError(
    409,
    'Conflict',
    `The etag '${given}' does not match the current etag of the resource. ` +
      'Read the resource again and retry.',
  );
}

function notFound(what: string, id: string): SandboxResponse {
  return armError(404, 'NotFound', `${what} with id '${id}' was not found in the workspace.`);
}

function readConnector(
  body: unknown,
):
  | { value: Pick<StoredConnector, 'subscriptionId' | 'state'>; etag?: string }
  | { error: SandboxResponse } {
  const fail = (message: string) => ({ error: armError(400, 'BadRequest', message) });
  if (!isObject(body))
    return fail("Failed to parse input. Error='The request body must be a JSON object.'");
  if (typeof body.kind !== 'string')
    return fail("Failed to parse input. Error='Required property 'kind' not found in JSON.'");
  if (body.kind !== 'IOT') {
    return fail(
      `Connector kind '${body.kind}' is not supported by the Azure sandbox; only 'IOT' is.`,
    );
  }
  const properties = isObject(body.properties) ? body.properties : {};
  const dataTypes = properties.dataTypes;
  if (!isObject(dataTypes)) {
    return fail(
      "Failed to parse input. Error='Required property 'dataTypes' not found in JSON. " +
        "Path 'properties'.'",
    );
  }
  const state = isObject(dataTypes.alerts) ? dataTypes.alerts.state : undefined;
  if (state !== 'Enabled' && state !== 'Disabled') {
    return fail(
      "Failed to parse input. Error='The value of 'properties.dataTypes.alerts.state' " +
        "must be 'Enabled' or 'Disabled'.'",
    );
  }
  if (
    typeof properties.subscriptionId !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(properties.subscriptionId)
  ) {
    return fail(
      "Connector kind 'IOT' requires 'properties.subscriptionId' to be a subscription id.",
    );
  }
  const etag = typeof body.etag === 'string' ? body.etag : undefined;

  return { value: { subscriptionId: properties.subscriptionId.toLowerCase(), state }, etag };
}

function describeConnector(connector: StoredConnector) {
  return {
    id: `${workspacePrefix()}/dataConnectors/${connector.id}`,
    name: connector.id,
    type: 'Microsoft.SecurityInsights/dataConnectors',
    kind: connector.kind,
    etag: connector.etag,
    properties: {
      subscriptionId: connector.subscriptionId,
      dataTypes: { alerts: { state: connector.state } },
    },
  };
}

function describeRule(rule: StoredAlertRule) {
  return {
    id: `${workspacePrefix()}/alertRules/${rule.id}`,
    name: rule.id,
    type: 'Microsoft.SecurityInsights/alertRules',
    kind: rule.kind,
    etag: rule.etag,
    properties: rule.properties,
  };
}

function workspacePrefix(): string {
  return `${getWorkspaceResourceId()}/providers/Microsoft.SecurityInsights`;
}
