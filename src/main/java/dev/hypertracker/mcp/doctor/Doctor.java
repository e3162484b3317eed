package dev.hypertracker.mcp.doctor;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.api.ExportRedirectPolicy;
import dev.hypertracker.mcp.api.UpstreamErrorText;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.catalog.ParamKind;
import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.files.StreamedFileReader;
import dev.hypertracker.mcp.files.StreamedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a HyperTracker set-up the way a user would ask support to: configuration, reachability, the token (never
 * shown), the quota headers and the data's freshness; with {@code probe}, one cheap request per endpoint and, per
 * endpoint, every expected field that is missing, has an unexpected type (numbers as strings included), or is unknown.
 * Uses a plain HTTP client of its own, so that it sees statuses, headers and bodies exactly as the API sends them.
 */
public final class Doctor {

    /** Past the API's own nextUpdateThreshold by more than this, the data is stale. */
    static final Duration STALE_GRACE = Duration.ofHours(1);

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    static final String API = Endpoint.API_PREFIX;
    /** The sample path parameters a probe uses. */
    static final Map<String, String> SAMPLE_PATH =
            Map.of("coin", "BTC", "segmentId", "9", "sizeBucketId", "3", "timeframe", "24h");

    /**
     * An endpoint whose path needs a value no sample can give (a builder's address comes from list_builders) is not
     * probed: a made-up value would only probe the API's 404.
     */
    static boolean probeable(Endpoint e) {
        return e.pathParams().stream().allMatch(Doctor::sampled);
    }

    /** A path parameter {@link #samplePath} can fill: a sample, an optional file-name suffix, a default or a choice. */
    private static boolean sampled(Param p) {
        return SAMPLE_PATH.containsKey(p.name())
                || p.isPathSuffix()
                || p.defaultValue() != null
                || !p.choices().isEmpty();
    }
    /** A wallet no one trades from: routes that require an address answer it with no rows. */
    static final String SAMPLE_ADDRESS = "0x0000000000000000000000000000000000000000";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public enum Status {
        OK,
        WARN,
        FAIL
    }

    public record Check(String name, Status status, String detail) {}

    /**
     * One endpoint probed: its status and the fields found wrong. {@code neededMissing} are the missing fields a digest
     * reads: any of them fails the probe; so does a body refused whole ({@code refused}: not JSON, not the file's
     * format, a link the redirect policy refuses), whose reason is the note.
     */
    public record EndpointProbe(
            String tool,
            String path,
            int status,
            String note,
            List<String> missing,
            List<String> neededMissing,
            List<String> numbersAsStrings,
            List<String> wrongType,
            List<String> unknown,
            boolean refused) {
        boolean failed() {
            return refused || !neededMissing.isEmpty() || (status != 200 && !UNVERIFIED_TOOLS.contains(tool));
        }
    }

    /** Endpoints whose absence is not a failure: the vendor's current material no longer lists them. */
    static final Set<String> UNVERIFIED_TOOLS = Set.of("export_coin_positions");

    public record Report(URI baseUrl, int requestsPlanned, List<Check> checks, List<EndpointProbe> endpoints) {
        public boolean healthy() {
            return checks.stream().noneMatch(c -> c.status() == Status.FAIL)
                    && endpoints.stream().noneMatch(EndpointProbe::failed);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("healthy", healthy());
            m.put("baseUrl", baseUrl.toString());
            m.put("requestsPlanned", requestsPlanned);
            m.put("checks", checks);
            m.put("endpoints", endpoints);
            return m;
        }
    }

    private final URI baseUrl;
    private final Secret token;
    private final Clock clock;
    private final HttpClient http;
    /** Where a file link may lead: the client's own policy (https, no private or loopback hosts unless the base is). */
    private final ExportRedirectPolicy links;

    public Doctor(URI baseUrl, Secret token, Clock clock) {
        this.baseUrl = baseUrl;
        this.links = new ExportRedirectPolicy(baseUrl);
        this.token = token;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(REQUEST_TIMEOUT)
                .build();
    }

    /** API requests a run will spend: two (cohorts, status), or one per probeable endpoint with the probe. */
    public static int requestsPlanned(boolean probe) {
        return probe
                ? (int) Catalog.endpoints().stream().filter(Doctor::probeable).count()
                : 2;
    }

    public Report run(boolean probe) {
        List<Check> checks = new ArrayList<>();
        List<EndpointProbe> endpoints = new ArrayList<>();
        Report report = new Report(baseUrl, requestsPlanned(probe), checks, endpoints);
        if (!configuration(checks)) return report;

        Optional<HttpResponse<byte[]>> segments = get(API + "/segments", checks);
        if (segments.isEmpty()) return report;
        checks.add(new Check(
                "reachability",
                Status.OK,
                baseUrl + " answered HTTP " + segments.get().statusCode()));
        if (!token(segments.get(), checks)) return report;
        quota(segments.get(), checks);

        Optional<HttpResponse<byte[]>> status = get(API + "/hypertracker/state/status", checks);
        status.ifPresent(r -> freshness(r, checks));

        if (probe) {
            List<String> skipped = new ArrayList<>();
            for (Endpoint e : Catalog.endpoints()) {
                if (!probeable(e)) skipped.add(e.tool());
                else if (e.tool().equals("list_cohorts")) endpoints.add(probe(e, segments.get()));
                else if (e.tool().equals("get_data_freshness") && status.isPresent())
                    endpoints.add(probe(e, status.get()));
                else endpoints.add(probe(e));
            }
            if (!skipped.isEmpty())
                checks.add(new Check(
                        "probe coverage",
                        Status.OK,
                        "not probed (their path needs a value from another listing): " + String.join(", ", skipped)));
        }
        return report;
    }

    private boolean configuration(List<Check> checks) {
        String scheme = baseUrl.getScheme();
        boolean loopback = "127.0.0.1".equals(baseUrl.getHost()) || "localhost".equals(baseUrl.getHost());
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            checks.add(new Check(
                    "configuration",
                    Status.FAIL,
                    "HYPERTRACKER_BASE_URL must be https (http only on " + "loopback): " + baseUrl));
            return false;
        }
        if (token == null || token.isBlank()) {
            checks.add(new Check(
                    "configuration",
                    Status.FAIL,
                    "HYPERTRACKER_API_TOKEN is not set: create a token in "
                            + "the HyperTracker API dashboard and export it (or run `doctor --demo`)."));
            return false;
        }
        checks.add(new Check(
                "configuration",
                Status.OK,
                "base URL " + baseUrl + "; HYPERTRACKER_API_TOKEN is set " + "(not shown)"));
        return true;
    }

    private boolean token(HttpResponse<byte[]> r, List<Check> checks) {
        int s = r.statusCode();
        if (s == 401) {
            checks.add(new Check(
                    "token",
                    Status.FAIL,
                    "the API rejected the token (401): it is mistyped, expired or "
                            + "revoked. Create a new one in the HyperTracker API dashboard, set HYPERTRACKER_API_TOKEN to it "
                            + "(no quotes, no \"Bearer \"), and restart the server."));
            return false;
        }
        if (s == 403) {
            checks.add(new Check(
                    "token",
                    Status.FAIL,
                    "the API refused the token (403): the plan may not include the " + "API. "
                            + UpstreamErrorText.of(r.body())));
            return false;
        }
        if (s == 429) {
            checks.add(new Check("token", Status.WARN, "cannot tell: the quota is spent (429)"));
            return true;
        }
        if (s != 200) {
            checks.add(new Check(
                    "token",
                    Status.FAIL,
                    "unexpected HTTP " + s + " for /segments: " + UpstreamErrorText.of(r.body())));
            return false;
        }
        checks.add(new Check("token", Status.OK, "accepted"));
        return true;
    }

    private void quota(HttpResponse<byte[]> r, List<Check> checks) {
        Optional<String> limit = r.headers().firstValue("X-RateLimit-Limit");
        Optional<String> remaining = r.headers().firstValue("X-RateLimit-Remaining");
        Optional<String> reset = r.headers().firstValue("X-RateLimit-Reset");
        if (limit.isEmpty() && remaining.isEmpty()) {
            checks.add(new Check(
                    "quota",
                    Status.WARN,
                    "the response carries no X-RateLimit-Limit/Remaining headers: " + "the quota cannot be read"));
            return;
        }
        String resetText = reset.map(Doctor::resetTime).orElse("an unknown time");
        if (r.statusCode() == 429 || remaining.filter(v -> v.trim().equals("0")).isPresent()) {
            checks.add(new Check(
                    "quota",
                    Status.FAIL,
                    "quota spent: resets at " + resetText + " (X-RateLimit-Limit " + limit.orElse("?") + ")"));
            return;
        }
        checks.add(new Check(
                "quota",
                Status.OK,
                remaining.orElse("?") + " of " + limit.orElse("?") + " requests left; resets at " + resetText));
    }

    /** X-RateLimit-Reset as a time: epoch seconds (the sandbox, inferred for the API) or the header's own text. */
    static String resetTime(String header) {
        String v = header.trim();
        if (v.matches("\\d{9,11}"))
            return Instant.ofEpochSecond(Long.parseLong(v)).toString();
        return v.length() > 40 ? v.substring(0, 40) : v;
    }

    private void freshness(HttpResponse<byte[]> r, List<Check> checks) {
        if (r.statusCode() != 200) {
            checks.add(new Check("freshness", Status.FAIL, "the status endpoint answered HTTP " + r.statusCode()));
            return;
        }
        JsonNode status = parse(r.body());
        Instant now = clock.instant();
        Instant last = time(status == null ? null : status.get("lastUpdate"));
        Instant threshold = time(status == null ? null : status.get("nextUpdateThreshold"));
        if (last == null) {
            checks.add(new Check("freshness", Status.FAIL, "the status has no readable lastUpdate"));
            return;
        }
        long age = Duration.between(last, now).toMinutes();
        boolean stale = threshold != null && now.isAfter(threshold.plus(STALE_GRACE));
        checks.add(new Check(
                "freshness",
                stale ? Status.FAIL : Status.OK,
                "last update " + last + " (" + age
                        + " min ago)" + (threshold == null ? "" : "; the API expects the next by " + threshold)
                        + (stale ? ": the data is stale" : "")));
    }

    private EndpointProbe probe(Endpoint e) {
        String path = samplePath(e);
        try {
            URI request = baseUrl.resolve(path);
            HttpResponse<byte[]> r = send(request, true);
            if (e.export() && r.statusCode() >= 300 && r.statusCode() < 400) {
                Optional<String> location = r.headers().firstValue("Location");
                if (location.isEmpty()) return failedProbe(e, path, r.statusCode(), "a redirect without Location");
                URI file;
                try {
                    file = links.check(e.tool(), request, location.get());
                } catch (ApiException refused) {
                    return failedProbe(e, path, r.statusCode(), refused.getMessage());
                }
                // the file store: no token, and no API quota spent
                Optional<StreamedFileReader> reader = StreamedFiles.readerFor(e);
                if (reader.isPresent()) return probeFile(e, path, file, reader.get());
                r = send(file, false);
            }
            if (e.downloadUrl() && r.statusCode() == 200) return probeDownloadUrl(e, path, r);
            return probe(e, path, r);
        } catch (IOException ex) {
            return failedProbe(e, path, 0, "no answer: " + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return failedProbe(e, path, 0, "interrupted");
        }
    }

    /** The largest file a {"downloadUrl"} probe inflates: a coin's whole order book is a few MB. */
    static final int DOWNLOAD_CAP = 64 << 20;

    /**
     * A {@code {"downloadUrl"}} answer: the link is followed without the token (like a 302) and the file (gzip without
     * Content-Encoding, or plain JSON) is checked; a bare list of rows stands under the route's rows key, as the client
     * reads it.
     */
    private EndpointProbe probeDownloadUrl(Endpoint e, String path, HttpResponse<byte[]> answer)
            throws IOException, InterruptedException {
        JsonNode link = parse(answer.body());
        JsonNode url = link == null ? null : link.get("downloadUrl");
        if (url == null || !url.isString())
            return missingProbe(e, path, "no downloadUrl in the answer", List.of("downloadUrl"));
        URI fileUri;
        try {
            fileUri = links.check(e.tool(), baseUrl.resolve(path), url.stringValue());
        } catch (ApiException refused) {
            return failedProbe(e, path, 200, refused.getMessage());
        }
        HttpResponse<byte[]> file = send(fileUri, false);
        if (file.statusCode() != 200)
            return failedProbe(e, path, file.statusCode(), "the file answered HTTP " + file.statusCode());
        byte[] bytes = file.body();
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readNBytes(DOWNLOAD_CAP + 1);
            } catch (IOException ex) {
                return failedProbe(e, path, 200, "the file is not readable gzip: " + ex.getMessage());
            }
            if (bytes.length > DOWNLOAD_CAP)
                return failedProbe(e, path, 200, "the file inflates past " + (DOWNLOAD_CAP >> 20) + " MB");
        }
        JsonNode body = parse(bytes);
        if (body != null && body.isArray() && e.rowsKey() != null) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set(e.rowsKey(), body);
            body = wrapped;
        }
        return probe(e, path, body);
    }

    /** A large file (the open-positions CSV) read streamed by the reader the client uses, never held whole. */
    private EndpointProbe probeFile(Endpoint e, String path, URI file, StreamedFileReader reader)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(file).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200)
                return failedProbe(e, path, r.statusCode(), "the file answered HTTP " + r.statusCode());
            JsonNode summary = reader.read(in);
            long rows = summary.path("file").path("rowsRead").asLong();
            return passedProbe(e, path, "file read in one pass: " + rows + " rows");
        } catch (IOException ex) {
            return failedProbe(e, path, 200, "the file is not in the expected format: " + ex.getMessage());
        }
    }

    private EndpointProbe probe(Endpoint e, HttpResponse<byte[]> r) {
        return probe(e, e.fullPathTemplate(), r);
    }

    private EndpointProbe probe(Endpoint e, String path, HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            String said = UpstreamErrorText.of(r.body());
            return failedProbe(e, path, r.statusCode(), "HTTP " + r.statusCode() + (said.isEmpty() ? "" : ": " + said));
        }
        return probe(e, path, parse(r.body()));
    }

    private EndpointProbe probe(Endpoint e, String path, JsonNode body) {
        ExpectedShape shape = ExpectedShape.BY_TOOL.get(e.tool());
        if (body == null) return failedProbe(e, path, 200, "the body is not JSON");
        if (shape == null) return passedProbe(e, path, "no expected shape recorded");
        if (shape.bodyType() != null) return bareValueCheck(e, path, shape.bodyType(), body);
        List<JsonNode> rows = rows(body, shape.rowsKey());
        if (rows == null) {
            List<String> needed = shape.fields().stream()
                    .filter(ExpectedShape.Field::needed)
                    .map(ExpectedShape.Field::name)
                    .toList();
            return missingProbe(e, path, "no rows where expected (" + where(shape) + ")", needed);
        }
        if (rows.isEmpty()) {
            return passedProbe(e, path, "no rows to check in this window");
        }
        return fieldCheck(e, path, shape, rows);
    }

    /** A body that is one bare value (the latest snapshot time): anything else is what the digest cannot read. */
    private static EndpointProbe bareValueCheck(Endpoint e, String path, ExpectedShape.Type type, JsonNode body) {
        String expected = "a bare " + type.name().toLowerCase(java.util.Locale.ROOT);
        return switch (typeOf(type, body)) {
            case "ok" -> passedProbe(e, path, null);
            case "string number" ->
                new EndpointProbe(
                        e.tool(),
                        path,
                        200,
                        null,
                        List.of(),
                        List.of(),
                        List.of("the body"),
                        List.of(),
                        List.of(),
                        false);
            default ->
                new EndpointProbe(
                        e.tool(),
                        path,
                        200,
                        "the body is not " + expected,
                        List.of(expected),
                        List.of(expected),
                        List.of(),
                        List.of("the body (" + body.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                                + ", expected " + type.name().toLowerCase(java.util.Locale.ROOT) + ")"),
                        List.of(),
                        false);
        };
    }

    private static String where(ExpectedShape shape) {
        if (shape.rowsKey() == null) return "the body itself";
        return shape.rowsKey().isEmpty() ? "a bare list" : "\"" + shape.rowsKey() + "\"";
    }

    private static EndpointProbe fieldCheck(Endpoint e, String path, ExpectedShape shape, List<JsonNode> rows) {
        List<String> missing = new ArrayList<>(),
                neededMissing = new ArrayList<>(),
                asStrings = new ArrayList<>(),
                wrongType = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>();
        for (ExpectedShape.Field f : shape.fields()) {
            expected.add(f.name());
            JsonNode value = null;
            for (JsonNode row : rows) {
                if (row.has(f.name())) {
                    value = row.get(f.name());
                    if (!value.isNull()) break;
                }
            }
            if (value == null) {
                missing.add(f.name());
                if (f.needed()) neededMissing.add(f.name());
                continue;
            }
            if (value.isNull()) {
                if (!f.nullable() && f.needed()) wrongType.add(f.name() + " (null)");
                continue;
            }
            switch (typeOf(f.type(), value)) {
                case "ok" -> {}
                case "string number" -> asStrings.add(f.name());
                default ->
                    wrongType.add(
                            f.name() + " (" + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                                    + ", expected " + f.type().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (JsonNode row : rows)
            for (String name : row.propertyNames()) if (!expected.contains(name)) unknown.add(name);
        return new EndpointProbe(
                e.tool(), path, 200, null, missing, neededMissing, asStrings, wrongType, List.copyOf(unknown), false);
    }

    private static String typeOf(ExpectedShape.Type type, JsonNode v) {
        return switch (type) {
            case NUMBER -> v.isNumber() ? "ok" : v.isString() && isNumber(v.stringValue()) ? "string number" : "wrong";
            case STRING -> v.isString() ? "ok" : "wrong";
            case TIME -> v.isString() && time(v) != null ? "ok" : "wrong";
            case BOOLEAN -> v.isBoolean() ? "ok" : "wrong";
            case OBJECT -> v.isObject() ? "ok" : "wrong";
            case ARRAY -> v.isArray() ? "ok" : "wrong";
        };
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The rows to check: under rowsKey (an object there is one row: the export table), the bare list, or the body. */
    private static List<JsonNode> rows(JsonNode body, String rowsKey) {
        JsonNode rows = rowsKey == null ? body : rowsKey.isEmpty() ? body : body.get(rowsKey);
        if (rows == null) return null;
        if (rows.isArray()) {
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode row : rows) {
                if (!row.isObject()) return null;
                if (list.size() < 5) list.add(row);
            }
            return list;
        }
        return rows.isObject() ? List.of(rows) : null;
    }

    /** A probe that passed with nothing found wrong; {@code note} (or null) says what was, or could not be, checked. */
    private static EndpointProbe passedProbe(Endpoint e, String path, String note) {
        return new EndpointProbe(
                e.tool(), path, 200, note, List.of(), List.of(), List.of(), List.of(), List.of(), false);
    }

    /** A probe that failed for want of what a digest needs (fields, or a link), listed as missing and needed. */
    private static EndpointProbe missingProbe(Endpoint e, String path, String note, List<String> needed) {
        return new EndpointProbe(e.tool(), path, 200, note, needed, needed, List.of(), List.of(), List.of(), false);
    }

    /** A probe that failed: by its HTTP status (judged as any other), or, with a 200, by a body refused whole. */
    private static EndpointProbe failedProbe(Endpoint e, String path, int status, String note) {
        return new EndpointProbe(
                e.tool(), path, status, note, List.of(), List.of(), List.of(), List.of(), List.of(), status == 200);
    }

    /** The endpoint's path with sample parameters, a recent start and the smallest page. */
    String samplePath(Endpoint e) {
        String path = e.fullPathTemplate();
        for (Map.Entry<String, String> p : SAMPLE_PATH.entrySet())
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        // an optional file-name suffix ({window}) probes the plain file
        for (var p : e.pathParams()) if (p.isPathSuffix()) path = path.replace("{" + p.name() + "}", "");
        // any other path parameter: its default ("latest"), else its first choice
        for (Param p : e.pathParams()) {
            Object sample = p.defaultValue() != null
                    ? p.defaultValue()
                    : p.choices().isEmpty() ? null : p.choices().get(0);
            if (sample != null) path = path.replace("{" + p.name() + "}", sample.toString());
        }
        List<String> query = new ArrayList<>();
        if (e.param("start").isPresent()) {
            Instant start = clock.instant().minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS);
            query.add("start=" + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8));
        }
        if (e.param("openedWithin").isPresent()) query.add("openedWithin=24h");
        // a route that requires a wallet answers an empty list for one without history
        e.param("address").filter(Param::required).ifPresent(p -> query.add("address=" + SAMPLE_ADDRESS));
        // the smallest page the route accepts (the perp PnL leaderboard takes 25, 50 or 100 only)
        e.param("limit")
                .ifPresent(p -> query.add("limit="
                        + (p.choices().isEmpty()
                                ? String.valueOf(p.min() == null ? 1 : p.min())
                                : p.choices().get(0))));
        // arguments the route requires (all-pnl's rankBy, orderBy, order): their first allowed value
        for (Param p : e.params()) {
            if (!p.inPath() && p.required() && p.kind() == ParamKind.ENUM)
                query.add(p.queryKey() + "=" + p.choices().get(0));
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private Optional<HttpResponse<byte[]>> get(String path, List<Check> checks) {
        try {
            return Optional.of(send(baseUrl.resolve(path), true));
        } catch (IOException e) {
            checks.add(new Check(
                    "reachability",
                    Status.FAIL,
                    "cannot reach " + baseUrl + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage())
                            + ". Check the network, a proxy, or HYPERTRACKER_BASE_URL."));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.add(new Check("reachability", Status.FAIL, "interrupted"));
            return Optional.empty();
        }
    }

    private HttpResponse<byte[]> send(URI uri, boolean withToken) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        if (withToken) request.header("Authorization", "Bearer " + token.reveal());
        HttpResponse<InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        // never more than the cap in memory, whatever the body claims or sends
        try (InputStream in = r.body()) {
            byte[] body = in.readNBytes(DOWNLOAD_CAP + 1);
            if (body.length > DOWNLOAD_CAP)
                throw new IOException("the body is larger than " + (DOWNLOAD_CAP >> 20) + " MB");
            return new CappedResponse(r, body);
        }
    }

    /** A response whose body was read up to {@link #DOWNLOAD_CAP}. */
    private record CappedResponse(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Instant time(JsonNode n) {
        if (n == null || !n.isString()) return null;
        try {
            return Instant.parse(n.stringValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The report as the terminal shows it: checks, then per endpoint what was found. */
    public static String text(Report report) {
        StringBuilder sb = new StringBuilder();
        for (Check c : report.checks()) {
            sb.append(String.format("%-4s %-13s %s%n", c.status(), c.name(), c.detail()));
        }
        for (EndpointProbe p : report.endpoints()) {
            Status s = p.failed()
                    ? Status.FAIL
                    : p.status() != 200
                                    || !p.missing().isEmpty()
                                    || !p.wrongType().isEmpty()
                                    || !p.numbersAsStrings().isEmpty()
                            ? Status.WARN
                            : Status.OK;
            sb.append(String.format(
                    "%-4s %-36s HTTP %s%s%n",
                    s,
                    p.tool(),
                    p.status() == 0 ? "-" : String.valueOf(p.status()),
                    p.note() == null ? "" : "  " + p.note()));
            line(sb, "missing (needed by the digests)", p.neededMissing());
            List<String> optionalMissing = new ArrayList<>(p.missing());
            optionalMissing.removeAll(p.neededMissing());
            line(sb, "missing (optional)", optionalMissing);
            line(sb, "numbers sent as strings (read fine)", p.numbersAsStrings());
            line(sb, "unexpected type", p.wrongType());
            line(sb, "unknown fields", p.unknown());
        }
        sb.append(
                report.healthy()
                        ? "All well."
                        : "Problems found: see FAIL above (docs/api-fidelity.md says what each field is for).");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, List<String> names) {
        if (!names.isEmpty())
            sb.append("       ")
                    .append(label)
                    .append(": ")
                    .append(String.join(", ", names))
                    .append('\n');
    }

    public static String json(Report report) {
        return JSON.writeValueAsString(report.json());
    }
}
