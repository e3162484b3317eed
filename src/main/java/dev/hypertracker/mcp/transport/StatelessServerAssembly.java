package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;

/**
 * The stateless counterpart of {@link dev.hypertracker.mcp.server.ServerAssembly}. The SDK gives a stateless
 * transport a different specification type ({@code StatelessSyncSpecification}, with stateless tool
 * specifications that get a transport context instead of a session exchange), so the stateless transport
 * needs its own assembly. Optional: only {@code --transport stateless} uses it.
 */
@FunctionalInterface
public interface StatelessServerAssembly {
    McpStatelessSyncServer build(McpServer.StatelessSyncSpecification specification);
}
