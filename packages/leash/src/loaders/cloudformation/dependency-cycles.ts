/**
 * Circular dependencies between the resources of a template as written: `DependsOn`, and `Ref`,
 * `Fn::GetAtt` and `Fn::Sub` references in `Properties` (a resource naming itself included).
 * CloudFormation refuses such a template ("Circular dependency between resources"), so leash
 * reports each cycle once, as an error at the first resource of the cycle, and reads the rest.
 *
 * SAM resources are read with care, since the transform rewrites them: a function's `Events` move
 * to other resources (permissions, event source mappings), so its API event and the API's
 * definition naming the function are no cycle once deployed; the other `AWS::Serverless::*`
 * resources (APIs, GraphQL APIs with their data sources, state machines) drop or split their
 * properties, so only their `DependsOn` counts.
 */
import type { Diagnostic } from '../../model/source.js';
import { isPlainObject, type CfnValue } from '../../model/values.js';
import type { ParsedFile } from '../parse/types.js';
import { referencedIds } from './intrinsics.js';

function dependsOn(value: CfnValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What each resource needs to exist first, restricted to resources of the template. */
function dependencyGraph(resources: Record<string, CfnValue>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [id, body] of Object.entries(resources)) {
    if (!isPlainObject(body)) continue;
    const targets = new Set(dependsOn(body.DependsOn));
    let properties: CfnValue | undefined = body.Properties;
    const type = typeof body.Type === 'string' ? body.Type : '';
    if (type === 'AWS::Serverless::Function' && isPlainObject(properties)) {
      const { Events: _events, ...rest } = properties;
      properties = rest;
    } else if (type.startsWith('AWS::Serverless::')) {
      properties = undefined;
    }
    if (properties !== undefined) for (const target of referencedIds(properties)) targets.add(target);
    graph.set(
      id,
      [...targets].filter((t) => Object.hasOwn(resources, t)),
    );
  }
  return graph;
}

/** Strongly connected components with a cycle (Tarjan, iterative: templates may be large). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = component.length === 1 && edges.includes(frame.node);
      if (component.length > 1 || selfLoop) found.push(component);
    }
  }
  return found;
}

/** One path around the component, from its first resource in template order back to it. */
function cyclePath(component: readonly string[], graph: Map<string, string[]>, order: readonly string[]): string[] {
  const members = new Set(component);
  const first = order.find((id) => members.has(id))!;
  // Breadth-first from `first` to a member that leads back to it: the shortest cycle through it.
  const previous = new Map<string, string>();
  const queue = [first];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === first) {
        const path = [node];
        while (path[0] !== first) path.unshift(previous.get(path[0]!)!);
        return [...path, first];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [first, first];
}

export function dependencyCycleDiagnostics(parsed: ParsedFile): Diagnostic[] {
  const template = parsed.value;
  if (!isPlainObject(template) || !isPlainObject(template.Resources)) return [];
  const resources = template.Resources;
  const graph = dependencyGraph(resources);
  const order = Object.keys(resources);
  return cycles(graph).map((component) => {
    const path = cyclePath(component, graph, order);
    const loc = parsed.locate(['Resources', path[0]!]);
    const message =
      path.length === 2
        ? `resource ${path[0]} refers to itself: CloudFormation rejects the template (circular dependency)`
        : `resources ${path.join(' → ')} depend on each other (DependsOn or references): CloudFormation rejects the template (circular dependency)`;
    return { severity: 'error', code: 'ERR_LEASH_CIRCULAR_REFERENCE', message, file: loc.file, line: loc.line, column: loc.column };
  });
}
