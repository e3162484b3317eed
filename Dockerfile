# hypertracker-mcp: multi-stage build. Stage 1 builds the shaded jar with Maven; stage 2 runs it on a slim JRE
# as a non-root user. stdio by default (docker run -i); HTTP via flags, e.g.:
#   docker run -i --rm -e HYPERTRACKER_API_TOKEN=… hypertracker-mcp
#   docker run --rm -p 8080:8080 -e HYPERTRACKER_MCP_AUTH_TOKEN=… hypertracker-mcp --transport http --host 0.0.0.0 --port 8080
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -ntp dependency:go-offline
COPY src ./src
# the AppCDS archive is made in the runtime image below: an archive only fits the JVM and jar path that wrote it
RUN mvn -B -q -ntp -DskipTests -Dskip.cds -Dskip.mcpb package

FROM eclipse-temurin:17-jre
# chart: "png" draws text with Java2D, which needs fontconfig and at least one font on a headless JRE
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# the MCP Registry matches this label with server.json's "name" (OCI package ownership)
LABEL io.modelcontextprotocol.server.name="dev.hypertracker/hypertracker-mcp"
RUN useradd --system --uid 10001 --no-create-home mcp
WORKDIR /app
COPY --from=build /src/target/hypertracker-mcp.jar /app/hypertracker-mcp.jar
# AppCDS training run on this image's JVM (initialize, tools/list, …): faster cold start. Best effort: without it the
# server starts normally (-Xshare:auto).
RUN HYPERTRACKER_LOG_LEVEL=ERROR java -cp /app/hypertracker-mcp.jar dev.hypertracker.mcp.CdsTraining \
        --archive /app/hypertracker-mcp.jsa || true
USER 10001
EXPOSE 8080
# the launcher's flags (bin/hypertracker-mcp); -Xlog and -XX:+DisplayVMOutputToStderr keep the JVM's own output off
# stdout, which is the MCP channel
ENTRYPOINT ["java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-XX:+UseSerialGC", \
            "-XX:TieredStopAtLevel=1", \
            "-Xss512k", "-Xms16m", "-Xmx256m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20", \
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=128m", \
            "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/app/hypertracker-mcp.jsa", "-Xshare:auto", \
            "-jar", "/app/hypertracker-mcp.jar"]
