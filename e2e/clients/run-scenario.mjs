#!/usr/bin/env node
// Runs a scripted MCP scenario with the official TypeScript SDK client over stdio, SSE or Streamable HTTP
// and prints one JSON report on stdout. Exit code: 0 all expectations met, 1 some failed, 2 could not run.
//
//   node run-scenario.mjs --transport http  --url http://127.0.0.1:8080/mcp --scenario scenario.json [--token T]
//        [--header 'Origin: http://evil.example']     extra HTTP headers (repeatable; sse and http)
//   node run-scenario.mjs --transport sse   --url http://127.0.0.1:8080/sse --scenario-json '{"steps":[...]}'
//   node run-scenario.mjs --transport stdio --scenario scenario.json [--env K=V ...] -- java -jar target/hypertracker-mcp.jar
//
// Scenario: {"name": "...", "steps": [step, ...]}; the client initializes first. Any step may carry an "id": the
// report repeats it, so a test reads a step by name rather than by its position. Steps ("op"):
//   {"op":"listTools", "expectTools":["a","b"], "expectCount":17}   names that must be listed, exact count
//   {"op":"callTool", "name":"t", "arguments":{...}, "expectError":false, "expectText":"substring",
//    "expectProgress":true, "timeoutMs":60000}                progress notifications are always collected
//   {"op":"listResources", "expectResources":[uri...]} {"op":"listResourceTemplates", "expectTemplates":[...]}
//   {"op":"readResource", "uri":"..." | "uriFromStep":"id" (first resource_link of that callTool step), "uriSuffix":"/csv",
//    "expectText":"substring", "expectMimeType":"text/csv", "maxTextChars":20000}
//   {"op":"listPrompts", "expectPrompts":[...]} {"op":"getPrompt","name":"p","arguments":{...},"expectText":"..."}
//   {"op":"complete", "ref":{"type":"ref/prompt","name":"p"} | {"type":"ref/resource","uri":"tmpl"},
//    "argument":{"name":"coin","value":"B"}, "expectValues":["BTC"]}
//   {"op":"ping"}
//   {"op":"awaitToolListChanged", "count":1, "timeoutMs":10000}   waits until that many notifications/tools/list_changed
//                                                                  arrived since the start (always counted)
// Any step but callTool may say "expectError":true (the request must fail with a JSON-RPC error) and
// "expectErrorText":"substring" (of the error message); the error's message and code are reported.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const STDERR_TAIL_CHARS = 8000;

function parseArgs(argv) {
  const options = { env: {}, command: [], headers: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--transport': options.transport = value(); break;
      case '--url': options.url = value(); break;
      case '--token': options.token = value(); break;
      case '--header': {
        const header = value();
        const colon = header.indexOf(':');
        if (colon <= 0) throw new Error(`--header needs "Name: value", not ${header}`);
        options.headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
        break;
      }
      case '--scenario': options.scenario = JSON.parse(readFileSync(value(), 'utf8')); break;
      case '--scenario-json': options.scenario = JSON.parse(value()); break;
      case '--env': {
        const [key, ...rest] = value().split('=');
        options.env[key] = rest.join('=');
        break;
      }
      case '--': options.command = argv.slice(i + 1); i = argv.length; break;
      default: throw new Error(`unknown argument ${arg}`);
    }
  }
  if (!['stdio', 'sse', 'http'].includes(options.transport)) throw new Error('--transport must be stdio, sse or http');
  if (options.transport === 'stdio' ? options.command.length === 0 : !options.url) {
    throw new Error(options.transport === 'stdio' ? 'stdio needs the server command after --' : '--url is required');
  }
  options.scenario ??= { steps: [] };
  options.token ??= process.env.HYPERTRACKER_MCP_AUTH_TOKEN;
  return options;
}

function createTransport(options, stderrChunks) {
  if (options.transport === 'stdio') {
    const [command, ...args] = options.command;
    const transport = new StdioClientTransport({
      command, args, env: { ...getDefaultEnvironment(), ...options.env }, stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk) => stderrChunks.push(chunk.toString()));
    return transport;
  }
  const headers = { ...options.headers, ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) };
  const requestInit = Object.keys(headers).length > 0 ? { headers } : undefined;
  const url = new URL(options.url);
  return options.transport === 'sse'
    ? new SSEClientTransport(url, { requestInit })
    : new StreamableHTTPClientTransport(url, { requestInit });
}

function textOf(result) {
  return (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}

function expectAll(expect, listed, expected, what) {
  const present = new Set(listed);
  for (const item of expected ?? []) expect(present.has(item), `${what} ${item} not listed`);
}

/** The URI a readResource step reads: given, or the first resource_link of an earlier callTool step. */
function resourceUri(step, previous) {
  if (step.uri !== undefined) return step.uri;
  const source = previous.find((s) => s.id === step.uriFromStep);
  const link = source?.resourceLinks?.[0];
  if (!link) throw new Error(`step ${step.uriFromStep} gave no resource_link to read`);
  return link + (step.uriSuffix ?? '');
}

async function runStep(client, step, previous) {
  const outcome = { id: step.id, op: step.op, ok: true, failures: [] };
  const expect = (condition, message) => {
    if (!condition) { outcome.ok = false; outcome.failures.push(message); }
  };
  if (step.expectError === true && step.op !== 'callTool') {
    try {
      await runOp(client, step, previous, outcome, expect);
      expect(false, 'expected a JSON-RPC error, got a result');
    } catch (e) {
      outcome.error = { code: e.code ?? null, message: e.message };
      if (step.expectErrorText !== undefined) {
        expect(e.message.includes(step.expectErrorText), `error "${e.message}" lacks "${step.expectErrorText}"`);
      }
    }
    return outcome;
  }
  await runOp(client, step, previous, outcome, expect);
  return outcome;
}

/** notifications/tools/list_changed received so far, and the steps waiting for more. */
const toolListChanged = { count: 0, waiters: [] };

function awaitToolListChanged(count, timeoutMs) {
  if (toolListChanged.count >= count) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    toolListChanged.waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(true); } });
  });
}

async function runOp(client, step, previous, outcome, expect) {
  switch (step.op) {
    case 'awaitToolListChanged': {
      const count = step.count ?? 1;
      const arrived = await awaitToolListChanged(count, step.timeoutMs ?? 10000);
      outcome.toolListChanged = toolListChanged.count;
      expect(arrived, `expected ${count} tools/list_changed notification(s), got ${toolListChanged.count}`);
      break;
    }
    case 'listTools': {
      const { tools } = await client.listTools();
      outcome.tools = tools.map(({ name, title, description, annotations }) => ({ name, title, description, annotations }));
      expectAll(expect, tools.map((t) => t.name), step.expectTools, 'tool');
      if (step.expectCount !== undefined) expect(tools.length === step.expectCount, `expected ${step.expectCount} tools, got ${tools.length}`);
      break;
    }
    case 'callTool': {
      outcome.name = step.name;
      outcome.progress = [];
      const result = await client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined, {
        timeout: step.timeoutMs ?? 60000,
        resetTimeoutOnProgress: true,
        onprogress: ({ progress, total, message }) => outcome.progress.push({ progress, total, message }),
      });
      outcome.isError = result.isError === true;
      outcome.text = textOf(result);
      outcome.structuredContent = result.structuredContent;
      outcome.resourceLinks = (result.content ?? []).filter((c) => c.type === 'resource_link').map((c) => c.uri);
      if (step.expectError !== undefined) {
        expect(outcome.isError === step.expectError, `expected isError=${step.expectError}, got ${outcome.isError}: ${outcome.text}`);
      }
      if (step.expectText !== undefined) expect(outcome.text.includes(step.expectText), `text lacks "${step.expectText}"`);
      if (step.expectProgress) expect(outcome.progress.length > 0, 'no progress notification received');
      break;
    }
    case 'listResources':
      outcome.resources = (await client.listResources()).resources.map((r) => r.uri);
      expectAll(expect, outcome.resources, step.expectResources, 'resource');
      break;
    case 'listResourceTemplates':
      outcome.resourceTemplates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
      expectAll(expect, outcome.resourceTemplates, step.expectTemplates, 'resource template');
      break;
    case 'readResource': {
      outcome.uri = resourceUri(step, previous);
      const maxChars = step.maxTextChars ?? 20000;
      const { contents } = await client.readResource({ uri: outcome.uri });
      // long texts (a result's every row) are cut in the report; textLength keeps the full size
      outcome.contents = contents.map(({ uri, mimeType, text }) => ({
        uri, mimeType, textLength: text?.length ?? 0, truncated: (text?.length ?? 0) > maxChars, text: text?.slice(0, maxChars),
      }));
      const allText = contents.map((c) => c.text ?? '').join('\n');
      expect(contents.length > 0, 'no contents');
      if (step.expectText !== undefined) expect(allText.includes(step.expectText), `contents lack "${step.expectText}"`);
      if (step.expectMimeType !== undefined) {
        expect(contents.every((c) => c.mimeType === step.expectMimeType), `mimeType is not ${step.expectMimeType}`);
      }
      break;
    }
    case 'listPrompts':
      outcome.prompts = (await client.listPrompts()).prompts.map((p) => p.name);
      expectAll(expect, outcome.prompts, step.expectPrompts, 'prompt');
      break;
    case 'getPrompt': {
      outcome.name = step.name;
      outcome.messages = (await client.getPrompt({ name: step.name, arguments: step.arguments ?? {} })).messages;
      const text = outcome.messages.map((m) => m.content?.text ?? '').join('\n');
      if (step.expectText !== undefined) expect(text.includes(step.expectText), `prompt text lacks "${step.expectText}"`);
      break;
    }
    case 'complete': {
      const { completion } = await client.complete({ ref: step.ref, argument: step.argument });
      outcome.completion = completion;
      expectAll(expect, completion.values, step.expectValues, 'completion value');
      break;
    }
    case 'ping': await client.ping(); break;
    default: throw new Error(`unknown op ${step.op}`);
  }
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: `usage: ${e.message}` }));
    return 2;
  }
  const stderrChunks = [];
  const report = {
    ok: true, transport: options.transport, target: options.url ?? options.command.join(' '),
    scenario: options.scenario.name ?? null, server: null, steps: [], failures: [],
  };
  const client = new Client({ name: 'hypertracker-e2e', version: '1.0.0' });
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    toolListChanged.count++;
    toolListChanged.waiters = toolListChanged.waiters.filter((w) => {
      if (toolListChanged.count < w.count) return true;
      w.resolve();
      return false;
    });
  });
  let exitCode = 0;
  try {
    await client.connect(createTransport(options, stderrChunks));
    report.server = {
      ...client.getServerVersion(),
      protocolVersion: client.transport?.protocolVersion ?? null,
      capabilities: client.getServerCapabilities(),
      instructions: client.getInstructions() ?? null,
    };
    for (const [index, step] of options.scenario.steps.entries()) {
      const started = performance.now();
      let outcome;
      try {
        outcome = await runStep(client, step, report.steps);
      } catch (e) {
        outcome = { id: step.id, op: step.op, name: step.name, ok: false, failures: [`threw: ${e.message}`] };
      }
      outcome.index = index;
      outcome.durationMs = Math.round(performance.now() - started);
      report.steps.push(outcome);
      for (const failure of outcome.failures) report.failures.push(`step ${step.id ?? index} (${step.op}${step.name ? ` ${step.name}` : ''}): ${failure}`);
    }
    report.ok = report.failures.length === 0;
    exitCode = report.ok ? 0 : 1;
  } catch (e) {
    report.ok = false;
    report.error = e.message;
    report.errorCode = e.code ?? null; // the HTTP status when the transport was refused (401, 403, ...)
    exitCode = 2;
  } finally {
    // Streamable HTTP sessions outlive close() unless terminated (DELETE); the server would only evict them when idle
    await client.transport?.terminateSession?.().catch(() => {});
    await client.close().catch(() => {});
  }
  if (options.transport === 'stdio') report.stderr = stderrChunks.join('').slice(-STDERR_TAIL_CHARS);
  console.log(JSON.stringify(report));
  return exitCode;
}

process.exitCode = await main();
