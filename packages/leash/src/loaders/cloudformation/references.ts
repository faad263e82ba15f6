/**
 * References to logical ids that exist nowhere in the stack (`!Ref Tabel`, `${Missing.Arn}`): a
 * warning each, with the line of the property. SAM-generated names leash does not model one by one
 * (`ServerlessRestApiProdStage`, `FnAliaslive`) are recognised by the prefix of an existing id.
 */
import type { CfnValue } from '../../model/values.js';
import type { BuildContext } from './context.js';
import { PSEUDO_PARAMETERS, referencedIds } from './intrinsics.js';

const MAX_WARNINGS = 20;

export function checkReferences(ctx: BuildContext, template: Record<string, CfnValue>): void {
  const parameters = template.Parameters && typeof template.Parameters === 'object' && !Array.isArray(template.Parameters) ? template.Parameters : {};
  const ids = [...ctx.resources.keys()];
  const known = (id: string): boolean =>
    ctx.resources.has(id) || Object.hasOwn(parameters, id) || PSEUDO_PARAMETERS.has(id) || id.includes('::') || ids.some((existing) => existing.length >= 3 && id.startsWith(existing));
  const reported = new Set<string>();
  const check = (value: CfnValue, at: () => ReturnType<BuildContext['at']>): void => {
    for (const id of referencedIds(value)) {
      if (reported.size >= MAX_WARNINGS || reported.has(id) || known(id)) continue;
      reported.add(id);
      ctx.warn('WARN_LEASH_UNRESOLVED_REFERENCE', `${id} is referenced but is not a resource or parameter of this template`, at());
    }
  };
  for (const resource of ctx.resources.values()) {
    if (resource.generated) continue;
    for (const [key, value] of Object.entries(resource.properties)) check(value, () => ctx.loc(resource, key));
  }
  const outputs = template.Outputs;
  if (outputs && typeof outputs === 'object' && !Array.isArray(outputs)) {
    for (const [name, output] of Object.entries(outputs)) if (output !== null) check(output, () => ctx.at(['Outputs', name]));
  }
}
