package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * list_builder_users: the users of the page in the API's own order (ranked by the orderBy asked), and this server's
 * sums over them: volume, builder fees, PnL and equity each summed over the users fetched (not over all totalCount).
 */
final class BuilderUsersDigest implements KindDigest {

    private record User(long rank, String address, double volume, double builderFee, double pnl, double equity)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "rank", rank,
                    "address", address,
                    "volume", Format.unrounded(volume),
                    "builderFee", Format.unrounded(builderFee),
                    "pnl", Format.unrounded(pnl),
                    "equity", Format.unrounded(equity));
        }

        @Override
        public String line() {
            return "#" + rank + " " + address + ": volume " + money(volume) + ", builder fees " + money(builderFee)
                    + ", PnL " + Format.signedMoney(pnl) + ", equity " + money(equity);
        }
    }

    private final int top;
    private final Map<String, Object> echo;
    private final long offset;
    private final List<User> first = new ArrayList<>();
    private final ExactSum volume = new ExactSum(), builderFees = new ExactSum();
    private final ExactSum pnl = new ExactSum(), equity = new ExactSum();
    private long fetched;

    BuilderUsersDigest(DigestOptions options) {
        this.top = options.top();
        this.echo = options.echo();
        Object o = echo.get("offset");
        this.offset = o == null ? 0 : Long.parseLong(o.toString());
    }

    @Override
    public void accept(JsonNode row) {
        fetched++;
        double v = Json.num(row, "volume"), fee = Json.num(row, "builderFee");
        double p = Json.num(row, "pnl"), e = Json.num(row, "equity");
        volume.add(v);
        builderFees.add(fee);
        pnl.add(p);
        equity.add(e);
        if (first.size() < top) first.add(new User(offset + fetched, Json.str(row, "address"), v, fee, p, e));
    }

    @Override
    public Report finish() {
        Object orderBy = echo.get("orderBy"), order = echo.get("order"), period = echo.get("period");
        Map<String, Object> fields = Json.obj(
                "orderBy",
                orderBy,
                "order",
                order,
                "period",
                period,
                "usersFetched",
                fetched,
                "volume",
                volume.value(),
                "builderFees",
                builderFees.value(),
                "pnl",
                pnl.value(),
                "equity",
                equity.value());
        String text = Format.count(fetched) + " users fetched"
                + (orderBy == null ? " in the API's default order" : " ranked by " + orderBy)
                + (order == null ? "" : " " + order) + (period == null ? "" : ", period " + period)
                + "; summed over them by this server: volume " + money(volume.value()) + ", builder fees "
                + money(builderFees.value()) + ", PnL " + Format.signedMoney(pnl.value()) + ", equity "
                + money(equity.value()) + ".";
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of("users", "Users in the API's order", first, "users"));
        return new Report(sections, List.of(Cut.shorten("users", 3), Cut.drop("users")), "lower top or limit");
    }
}
