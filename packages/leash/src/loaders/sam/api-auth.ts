/**
 * Who may call a SAM `Api` / `HttpApi` event: the event's `Auth.Authorizer`, else the API's
 * `Auth.DefaultAuthorizer`, else the OpenAPI definition's `security`, else nobody is asked (NONE).
 * `NONE` on an event opts out of a default authorizer; `ApiKeyRequired` alone is an API key, not
 * authentication.
 */
import type { SourceLocation } from '../../model/source.js';
import type { ApiAuth } from '../../model/types.js';
import { isPlainObject, unknown, type CfnValue } from '../../model/values.js';

export interface SamApiConfig {
  readonly id: string;
  readonly kind: 'rest' | 'http';
  readonly generated: boolean;
  /** `Auth`, resolved, with Globals merged. */
  readonly auth?: Record<string, CfnValue>;
  readonly definitionBody?: CfnValue;
  readonly definitionUri?: CfnValue;
  readonly loc: SourceLocation;
}

function authorizerKind(definition: CfnValue | undefined): ApiAuth['type'] | undefined {
  if (!isPlainObject(definition)) return undefined;
  if (definition.UserPoolArn !== undefined) return 'COGNITO';
  if (definition.JwtConfiguration !== undefined) return 'JWT';
  if (definition.FunctionArn !== undefined) return 'LAMBDA';
  return undefined;
}

function asBoolean(value: CfnValue | undefined): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

export function eventAuth(api: SamApiConfig | undefined, eventAuthValue: CfnValue | undefined, path: string, method: string, loc: SourceLocation): ApiAuth {
  const event = isPlainObject(eventAuthValue) ? eventAuthValue : {};
  const auth = api?.auth ?? {};
  const apiKeyRequired = asBoolean(event.ApiKeyRequired) ?? asBoolean(auth.ApiKeyRequired) ?? false;
  const none = (): ApiAuth => (apiKeyRequired ? { type: 'API_KEY', apiKeyRequired, loc } : { type: 'NONE', apiKeyRequired, loc });
  if (!api) return { type: 'unknown', unknown: unknown('the event names an API that is not an AWS::Serverless API of this template', loc), apiKeyRequired, loc };
  const chosen = event.Authorizer ?? auth.DefaultAuthorizer;
  if (chosen === undefined) {
    const fromDefinition = definitionAuth(api, path, method, loc);
    if (fromDefinition) return apiKeyRequired && fromDefinition.type === 'NONE' ? none() : { ...fromDefinition, apiKeyRequired: apiKeyRequired || fromDefinition.apiKeyRequired === true };
    return none();
  }
  if (typeof chosen !== 'string') return { type: 'unknown', unknown: unknown('the authorizer is not a plain name', loc, chosen), apiKeyRequired, loc };
  if (chosen === 'NONE') return none();
  if (chosen === 'AWS_IAM') return { type: 'AWS_IAM', apiKeyRequired, loc };
  const authorizers = isPlainObject(auth.Authorizers) ? auth.Authorizers : {};
  const type = authorizerKind(authorizers[chosen]);
  if (!type) return { type: 'unknown', unknown: unknown(`authorizer ${chosen} is not defined in the API's Auth.Authorizers`, loc), authorizer: chosen, apiKeyRequired, loc };
  return { type, authorizer: chosen, apiKeyRequired, loc };
}

/** Auth from an inline OpenAPI definition (`security` on the operation, else global); undefined when the definition does not say. */
function definitionAuth(api: SamApiConfig, path: string, method: string, loc: SourceLocation): ApiAuth | undefined {
  if (api.definitionUri !== undefined && api.definitionBody === undefined) {
    return { type: 'unknown', unknown: unknown('the API is defined in an external OpenAPI file (DefinitionUri) that leash does not read', loc, api.definitionUri), loc };
  }
  const body = api.definitionBody;
  if (!isPlainObject(body)) return body === undefined ? undefined : { type: 'unknown', unknown: unknown('the OpenAPI definition cannot be resolved', loc, body), loc };
  const paths = isPlainObject(body.paths) ? body.paths : {};
  const item = paths[path];
  const operation = isPlainObject(item) ? (item[method.toLowerCase()] ?? item['x-amazon-apigateway-any-method']) : undefined;
  const security = isPlainObject(operation) && operation.security !== undefined ? operation.security : body.security;
  if (!Array.isArray(security) || security.length === 0) return item === undefined ? undefined : { type: 'NONE', loc };
  const schemes = isPlainObject(body.securityDefinitions)
    ? body.securityDefinitions
    : isPlainObject(body.components) && isPlainObject(body.components.securitySchemes)
      ? body.components.securitySchemes
      : {};
  const requirement = security[0];
  const names = isPlainObject(requirement) ? Object.keys(requirement) : [];
  if (names.length === 0) return { type: 'NONE', loc };
  let apiKey = false;
  for (const name of names) {
    const scheme = schemes[name];
    if (!isPlainObject(scheme)) return { type: 'unknown', unknown: unknown(`security scheme ${name} is not defined in the OpenAPI definition`, loc), loc };
    const authType = typeof scheme['x-amazon-apigateway-authtype'] === 'string' ? scheme['x-amazon-apigateway-authtype'].toLowerCase() : '';
    const authorizer = isPlainObject(scheme['x-amazon-apigateway-authorizer']) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
    const authorizerType = typeof authorizer?.type === 'string' ? authorizer.type.toLowerCase() : '';
    if (authType === 'cognito_user_pools' || authorizerType === 'cognito_user_pools') return { type: 'COGNITO', authorizer: name, loc };
    if (authType === 'awssigv4') return { type: 'AWS_IAM', loc };
    if (authorizerType === 'jwt' || scheme.type === 'openIdConnect' || scheme.type === 'oauth2') return { type: 'JWT', authorizer: name, loc };
    if (authorizerType === 'token' || authorizerType === 'request' || authType === 'custom') return { type: 'LAMBDA', authorizer: name, loc };
    if (scheme.type === 'apiKey') {
      apiKey = true;
      continue;
    }
    return { type: 'unknown', unknown: unknown(`security scheme ${name} is not one leash understands`, loc), loc };
  }
  return apiKey ? { type: 'API_KEY', apiKeyRequired: true, loc } : undefined;
}
