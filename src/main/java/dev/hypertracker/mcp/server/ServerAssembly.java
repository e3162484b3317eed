package dev.hypertracker.mcp.server;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;

/**
 * Adds this server's features (tools, resources, prompts, completions, instructions) to an SDK server
 * specification and builds it. Transports call it once per transport provider, so every transport serves
 * the same feature set.
 */
@FunctionalInterface
public interface ServerAssembly {
    McpSyncServer build(McpServer.SyncSpecification<?> specification);
}
