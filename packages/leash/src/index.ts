/** The library API of leash. The CLI is a thin layer over it. */
export * from './model/index.js';
export * from './engine/types.js';
export * from './errors.js';
export type { FunctionPolicy, FunctionSummary, PolicySourceSummary, RuleSummary, ScanResult, ScanSummary, StackSummary } from './engine/result.js';
export { RESULT_FORMAT_VERSION } from './engine/result.js';
export { runRules, formatMessage, compareFindings, type RunOptions } from './engine/run.js';
export { redactSecret, redactKnownSecrets } from './engine/redact.js';
export { FINDING_CHANNEL, type FindingMessage } from './engine/channel.js';
export { scan, resultFromModel, toolVersion, type ScanOptions, type ResultOptions, type FunctionExtension } from './scan.js';
export { main, exitCodeFor, FAIL_ON_LEVELS, type FailOn, type MainOptions, type MainResult } from './main.js';
export { reporters, REPORTER_NAMES, isReporterName, type ReporterName, type Reporter, type ReportOptions } from './reporters/index.js';
export { policy, policyEnrichment, type PolicyOptions, type PolicyResult, type PolicyFormat, type FunctionPolicyReport, type PolicyEnrichment } from './policy.js';
