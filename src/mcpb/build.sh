#!/usr/bin/env bash
# Builds the Claude Desktop bundle target/hypertracker-mcp-<os>-<arch>.mcpb from target/hypertracker-mcp.jar:
#   runtime/  a jlink'd Java runtime of the JDK running this script (with its default CDS archive)
#   bin/      the launcher (bin/hypertracker-mcp) and the bundle's entry point (mcpb-start)
#   server/   the jar and its AppCDS archive, trained on that runtime
#   manifest.json, icon.png
# then validates the manifest and packs it with the official CLI (@anthropic-ai/mcpb, from npm).
# Run by `mvn -Pmcpb package` (or directly, after `mvn package`). Needs JAVA_HOME (a JDK with jlink) and node/npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS=0
version="${1:?usage: build.sh VERSION OUTPUT_TIMESTAMP}"
# the jar's time (the pom's project.build.outputTimestamp): the archive records it, mcpb-start restores it after an unzip
jar_time="${2:?usage: build.sh VERSION OUTPUT_TIMESTAMP}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jar=target/hypertracker-mcp.jar
[ -f "$jar" ] || { echo "build.sh: $jar missing (mvn package first)" >&2; exit 1; }
platform="$(node -p 'process.platform')"
arch="$(node -p 'process.arch')"
out="target/hypertracker-mcp-$platform-$arch.mcpb"
stage=target/mcpb
cli_dir=target/mcpb-cli
mcpb_version=2.1.2

rm -rf "$stage" "$out"
mkdir -p "$stage/bin" "$stage/server"

# The modules the shaded jar needs (jdeps --print-module-deps, less java.security.jgss, which only Jetty's SPNEGO
# login refers to), plus TLS elliptic curves (the real API is HTTPS) and jdk.unsupported (sun.misc.Unsafe, used by the
# libraries' fast paths), jdk.management (the heap-free ratios widened once the server is in use: HeapHeadroom).
# java.desktop draws the chart: "png" images (Java2D, headless). The runtime's default CDS archive
# (--generate-cds-archive) serves when the app archive cannot be mapped; the non-compressed-oops variant is never
# used with the launcher's small heap, so it is dropped.
modules=java.base,java.desktop,java.management,java.naming,java.net.http,java.sql,jdk.crypto.ec,jdk.management,jdk.unsupported
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --generate-cds-archive --output "$stage/runtime"
rm -f "$stage/runtime/lib/server/classes_nocoops.jsa"
# fonts for the PNG charts: the JDK also reads lib/fonts, so a machine without any font still draws them.
# DejaVu's licence allows redistribution; a build machine without it makes a bundle that uses the system's fonts.
font_dir=/usr/share/fonts/truetype/dejavu
if [ -f "$font_dir/DejaVuSans.ttf" ]; then
  mkdir -p "$stage/runtime/lib/fonts"
  cp "$font_dir/DejaVuSans.ttf" "$font_dir/DejaVuSans-Bold.ttf" "$stage/runtime/lib/fonts/" 2>/dev/null \
      || cp "$font_dir/DejaVuSans.ttf" "$stage/runtime/lib/fonts/"
else
  echo "build.sh: no DejaVu fonts on this machine: the bundle's PNG charts use the system's fonts" >&2
fi

cp bin/hypertracker-mcp src/mcpb/mcpb-start "$stage/bin/"
sed -i.bak "s/@JAR_TIME@/$jar_time/" "$stage/bin/mcpb-start" && rm "$stage/bin/mcpb-start.bak"
chmod 755 "$stage/bin/"*
cp "$jar" "$stage/server/"
cp src/main/resources/META-INF/hypertracker/icon.png "$stage/icon.png"
touch -d "$jar_time" "$stage/server/hypertracker-mcp.jar"

# AppCDS archive for this runtime: the jar by relative path from server/, as mcpb-start runs it
(cd "$stage/server" && HYPERTRACKER_LOG_LEVEL=ERROR ../runtime/bin/java \
    -cp hypertracker-mcp.jar dev.hypertracker.mcp.CdsTraining --archive hypertracker-mcp.jsa)

# manifest: version, platform, and the tool list from tools.json (names and descriptions, as Claude Desktop shows them)
node -e '
const fs = require("fs");
const [template, tools, version, platform, target] = process.argv.slice(1);
const m = JSON.parse(fs.readFileSync(template, "utf8").replace("@VERSION@", version).replace("@PLATFORM@", platform));
const t = JSON.parse(fs.readFileSync(tools, "utf8"));
m.tools = (t.tools || t).map(x => ({name: x.name, description: x.description.split("\n")[0]}));
fs.writeFileSync(target, JSON.stringify(m, null, 2) + "\n");
' src/mcpb/manifest.json tools.json "$version" "$platform" "$stage/manifest.json"

if [ ! -x "$cli_dir/node_modules/.bin/mcpb" ]; then
  npm install --silent --no-audit --no-fund --prefix "$cli_dir" "@anthropic-ai/mcpb@$mcpb_version" >&2
fi
# the CLI's reports go to a log (shown when it fails): the build output stays readable
log=target/mcpb.log
for step in "validate $stage/manifest.json" "pack $stage $out"; do
  # shellcheck disable=SC2086
  "$cli_dir/node_modules/.bin/mcpb" $step > "$log" 2>&1 || { cat "$log" >&2; echo "build.sh: mcpb $step failed" >&2; exit 1; }
done
# server.json for the MCP Registry with this bundle's sha256 (the committed one holds a placeholder)
sha="$( (sha256sum "$out" 2>/dev/null || shasum -a 256 "$out") | cut -d' ' -f1)"
sed -e "s/@BUNDLE_SHA256@/$sha/" -e "s/hypertracker-mcp-linux-x64.mcpb/hypertracker-mcp-$platform-$arch.mcpb/" server.json > target/server.json
echo "build.sh: $out ($(du -h "$out" | cut -f1); runtime $(du -sh "$stage/runtime" | cut -f1); ${SECONDS}s)" >&2
