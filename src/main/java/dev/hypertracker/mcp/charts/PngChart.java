package dev.hypertracker.mcp.charts;

import dev.hypertracker.mcp.catalog.Cohort;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The {@code chart: "png"} image: drawn headless with JFreeChart, at most {@link #WIDTH} x {@link #HEIGHT}. A series
 * shows its main metric (the one the digest's trend follows) with its lowest and highest point marked; the positions
 * heatmap shows cohort bias per coin; the liquidation heatmap shows value per price bin.
 */
public final class PngChart {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;
    /** Coins drawn in the heatmap image: more would not be readable at this size. */
    static final int IMAGE_HEATMAP_COINS = 20;
    /** The metric a series image shows: the first of these present, else the first metric (as the digest's trend). */
    static final List<String> MAIN_METRICS = List.of("openInterest", "totalPositionValue", "volume");

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngChart() {}

    /** The PNG bytes of the chart. */
    public static byte[] render(ChartData data) {
        JFreeChart chart;
        if (data instanceof ChartData.Series s) chart = series(s);
        else if (data instanceof ChartData.CohortHeatmap h) chart = heatmap(h);
        else chart = liquidation((ChartData.LiquidationMap) data);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The metric an image of this series shows, or null when the series has none. */
    public static ChartData.Metric mainMetric(ChartData.Series s) {
        for (String name : MAIN_METRICS) {
            for (ChartData.Metric m : s.metrics()) if (m.name().equals(name)) return m;
        }
        return s.metrics().isEmpty() ? null : s.metrics().get(0);
    }

    private static JFreeChart series(ChartData.Series s) {
        ChartData.Metric m = mainMetric(s);
        TimeSeriesCollection dataset = new TimeSeriesCollection();
        String name = m == null ? "no data" : m.name();
        TimeSeries ts = new TimeSeries(name);
        int lo = -1, hi = -1;
        if (m != null) {
            for (int i = 0; i < m.times().length; i++) {
                ts.addOrUpdate(new Millisecond(new java.util.Date(m.times()[i])), m.values()[i]);
                if (lo < 0 || m.values()[i] < m.values()[lo]) lo = i;
                if (hi < 0 || m.values()[i] > m.values()[hi]) hi = i;
            }
        }
        dataset.addSeries(ts);
        JFreeChart chart = ChartFactory.createTimeSeriesChart(
                s.title() + ": " + name, "time (UTC)", name, dataset, false, false, false);
        XYPlot plot = chart.getXYPlot();
        style(plot);
        plot.getRenderer().setSeriesPaint(0, new Color(0x2563eb));
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(1.6f));
        if (m != null && lo >= 0) {
            mark(plot, m.times()[lo], "min " + Numbers.compact(m.values()[lo]), new Color(0xdc2626));
            mark(plot, m.times()[hi], "max " + Numbers.compact(m.values()[hi]), new Color(0x16a34a));
            if (m.sourcePoints() > m.times().length) {
                chart.addSubtitle(new TextTitle(
                        m.sourcePoints() + " points, " + m.times().length + " drawn (each bucket's low and high)"));
            }
        }
        return chart;
    }

    private static void mark(XYPlot plot, long at, String label, Color color) {
        ValueMarker marker = new ValueMarker(at, color, new BasicStroke(1f));
        marker.setLabel(label);
        marker.setLabelPaint(color);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        plot.addDomainMarker(marker);
    }

    private static JFreeChart heatmap(ChartData.CohortHeatmap h) {
        List<String> coins =
                h.coins().subList(0, Math.min(IMAGE_HEATMAP_COINS, h.coins().size()));
        List<Cohort> cohorts = List.of(Cohort.values()); // legend order: size cohorts, then PnL
        Map<String, Integer> column = new java.util.HashMap<>();
        for (int i = 0; i < coins.size(); i++) column.put(coins.get(i), i);
        List<ChartData.Cell> shown = h.cells().stream()
                .filter(c -> column.containsKey(c.coin()) && !Double.isNaN(c.bias()))
                .toList();
        double[][] xyz = new double[3][shown.size()];
        for (int i = 0; i < shown.size(); i++) {
            ChartData.Cell c = shown.get(i);
            xyz[0][i] = column.get(c.coin());
            xyz[1][i] = cohorts.indexOf(Cohort.byId(c.cohort()).orElseThrow());
            xyz[2][i] = c.bias();
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("bias", xyz);
        SymbolAxis x = new SymbolAxis("coin (largest open value first)", coins.toArray(String[]::new));
        x.setVerticalTickLabels(true);
        SymbolAxis y =
                new SymbolAxis(null, cohorts.stream().map(Cohort::displayName).toArray(String[]::new));
        y.setInverted(true); // legend order from the top: size cohorts, then PnL
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = biasScale();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        style(plot);
        long sizeCohorts =
                cohorts.stream().filter(c -> c.axis() == Cohort.Axis.SIZE).count();
        plot.addRangeMarker(new ValueMarker(sizeCohorts - 0.5, Color.BLACK, new BasicStroke(2f))); // the two axes apart
        JFreeChart chart = new JFreeChart(h.title() + ": long share of value by cohort", plot);
        chart.addSubtitle(
                new TextTitle("size cohorts (perp equity) above the line, PnL cohorts below: never add the two"));
        chart.removeLegend();
        NumberAxis legendAxis = new NumberAxis("long share (0 = all short, 1 = all long)");
        legendAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(12);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Short (red) through neutral (grey) to long (blue), in 20 steps. */
    static LookupPaintScale biasScale() {
        LookupPaintScale scale = new LookupPaintScale(0, 1.0000001, Color.GRAY);
        for (int i = 0; i < 20; i++) {
            double lower = i / 20.0, mid = (i + 0.5) / 20.0;
            scale.add(lower, blend(mid));
        }
        return scale;
    }

    private static Paint blend(double bias) {
        Color shortColor = new Color(0xdc2626), neutral = new Color(0xe5e7eb), longColor = new Color(0x2563eb);
        Color a = bias < 0.5 ? shortColor : neutral, b = bias < 0.5 ? neutral : longColor;
        double t = bias < 0.5 ? bias * 2 : (bias - 0.5) * 2;
        return new Color(
                (int) (a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) (a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) (a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static JFreeChart liquidation(ChartData.LiquidationMap l) {
        XYIntervalSeries series = new XYIntervalSeries("liquidation value");
        for (ChartData.Bin b : l.bins()) {
            series.add(
                    (b.priceStart() + b.priceEnd()) / 2,
                    b.priceStart(),
                    b.priceEnd(),
                    b.liquidationValue(),
                    0,
                    b.liquidationValue());
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(series);
        NumberAxis x = new NumberAxis("price bin (USD)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("liquidation value (USD)");
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        renderer.setSeriesPaint(0, new Color(0xf97316));
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        style(plot);
        JFreeChart chart = new JFreeChart(l.title() + (l.coin() == null ? "" : " " + l.coin()), plot);
        chart.removeLegend();
        return chart;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe5e7eb));
        plot.setRangeGridlinePaint(new Color(0xe5e7eb));
    }
}
