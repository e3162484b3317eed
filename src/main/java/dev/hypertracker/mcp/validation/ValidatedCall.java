package dev.hypertracker.mcp.validation;

import dev.hypertracker.mcp.api.ApiRequest;
import dev.hypertracker.mcp.digest.DigestOptions;

/**
 * A tool call whose arguments all passed validation: what to request upstream and how to present it.
 *
 * @param request  the first upstream request
 * @param options  how to digest the result
 * @param maxPages pages to fetch at most (1 for endpoints that do not page)
 * @param fresh    true to bypass the response cache
 */
public record ValidatedCall(ApiRequest request, DigestOptions options, int maxPages, boolean fresh) {}
