#!/usr/bin/env node
// The reference for the cold-start benchmark: a minimal stdio MCP server built with the official TypeScript SDK
// (the one pinned in e2e/clients; run `npm ci` there first). One tool, so the SDK's tool machinery is loaded as
// it would be in a real server.
import { createRequire } from 'node:module';

const sdk = createRequire(new URL('../e2e/clients/package.json', import.meta.url));
const { McpServer } = await import(sdk.resolve('@modelcontextprotocol/sdk/server/mcp.js'));
const { StdioServerTransport } = await import(sdk.resolve('@modelcontextprotocol/sdk/server/stdio.js'));
const { z } = await import(sdk.resolve('zod'));

const server = new McpServer({ name: 'ts-reference', version: '1.0.0' });
server.tool('echo', 'Echoes its text.', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
await server.connect(new StdioServerTransport());
