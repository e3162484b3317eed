# hypertracker-mcp: multi-stage build. Stage 1 builds the shaded jar with Maven; stage 2 runs it on a slim JRE
# as a non-root user. stdio by default (docker run -i); HTTP via flags, e.g.:
#   docker run -i --rm -e HYPERTRACKER_API_TOKEN=… hypertracker-mcp
#   docker run --rm -p 8080:8080 -e HYPERTRACKER_MCP_AUTH_TOKEN=… hypertracker-mcp --transport http --host 0.0.0.0 --port 8080
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -ntp dependency:go-offline
COPY src ./src
RUN mvn -B -q -ntp -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home mcp
WORKDIR /app
COPY --from=build /src/target/hypertracker-mcp.jar /app/hypertracker-mcp.jar
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx256m -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/hypertracker-mcp.jar"]
