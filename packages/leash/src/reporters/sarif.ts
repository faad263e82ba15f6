/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. One run; every rule that ran in
 * `tool.driver.rules`; every finding a result (suppressed ones carry `suppressions`); input
 * problems as `toolExecutionNotifications`. Artifact URIs are relative to the scan root (the git
 * work tree: what code scanning resolves them against). Code scanning shows its messages to
 * people, so it is built from a copy of the result whose every string is neutralised like the text
 * report's (JSON decoding gives back `\x1b`, not an escape character), then serialised by toJson.
 */
import type { Diagnostic } from '../model/source.js';
import type { RuleSummary, ScanResult } from '../engine/result.js';
import type { Finding, Severity } from '../engine/types.js';
import { neutraliseDeep, toJson } from './neutralise.js';
import type { Reporter } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';


/** GitHub reads `security-severity` as: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, ≤ 3.9 low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export const sarif: Reporter = (result) => `${toJson(toSarifLog(neutraliseDeep(result)))}\n`;

export function toSarifLog(result: ScanResult): Record<string, unknown> {
  // A finding of a rule that is not in the result's rule list (a caller passing findings by hand) still gets a rule entry.
  const rules = [...result.rules];
  for (const f of result.findings) {
    if (!rules.some((r) => r.id === f.rule)) rules.push({ id: f.rule, category: f.rule.split('/')[0] as RuleSummary['category'], description: f.rule, severity: f.severity, docPath: '' });
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uri = artifactUri;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leash',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            rules: rules.map(sarifRule),
          },
        },
        invocations: [
          {
            executionSuccessful: !result.diagnostics.some((d) => d.severity === 'error'),
            toolExecutionNotifications: result.diagnostics.map((d) => sarifNotification(d, uri)),
          },
        ],
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.rule) ?? 0, uri)),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

function sarifRule(rule: RuleSummary): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    // No helpUri: leash has no published docs site yet, and a made-up URL would send readers nowhere.
    // The doc's path in the repository is the help instead.
    ...(rule.docPath ? { help: { text: `${rule.description} Documentation: ${rule.docPath} in the leash repository.`, markdown: `${rule.description}\n\nDocumentation: \`${rule.docPath}\` in the leash repository.` } } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      tags: ['security', 'serverless', rule.category],
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number, uri: (file: string) => string): Record<string, unknown> {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uri(f.file) },
          region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
        },
        logicalLocations: [{ name: f.resource, fullyQualifiedName: `${f.stack}/${f.resource}`, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'leash/v1': f.fingerprint },
    ...(f.suppressed
      ? { suppressions: [{ kind: f.suppressed.kind, status: 'accepted', justification: f.suppressed.reason }] }
      : {}),
    properties: {
      // The rule's own detail first, so that a key it happens to share with ours cannot mask ours.
      ...(f.properties ?? {}),
      // A finding's own severity may differ from its rule's (lowered for an unknown value).
      'security-severity': SECURITY_SEVERITY[f.severity],
      severity: f.severity,
      resource: f.resource,
      stack: f.stack,
      unknown: f.unknown,
    },
  };
}

function sarifNotification(d: Diagnostic, uri: (file: string) => string): Record<string, unknown> {
  const hasFile = d.file !== '' && d.file !== '.';
  return {
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.message },
    descriptor: { id: d.code },
    ...(hasFile
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(d.file) },
                ...(d.line !== undefined && d.line >= 1 ? { region: { startLine: d.line, ...(d.column !== undefined && d.column >= 1 ? { startColumn: d.column } : {}) } } : {}),
              },
            },
          ],
        }
      : {}),
  };
}

/** A root-relative path as a relative URI reference. */
function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
