package dev.offboarding.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Time-to-delete against propagation lag, one line per approach (median, p95 dashed), failures marked with a cross. */
final class LagChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 230;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Map<TimeToDelete.Approach, Color> COLORS = Map.of(
            TimeToDelete.Approach.WORKFLOW, new Color(0x1f77b4),
            TimeToDelete.Approach.FIXED_SLEEP_45, new Color(0xff7f0e),
            TimeToDelete.Approach.NO_RETRY, new Color(0xd62728));

    private LagChart() {
    }

    static void write(List<TimeToDelete.Outcome> outcomes, Path png) throws IOException {
        double maxLag = outcomes.stream().mapToDouble(TimeToDelete.Outcome::lagSeconds).max().orElse(1);
        double maxY = Math.max(50, outcomes.stream().filter(o -> o.failureRate() < 1)
                .mapToDouble(o -> o.lagSeconds() + o.overshoot().p95()).max().orElse(50));
        maxY = Math.ceil(maxY / 20) * 20;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        Plot plot = new Plot(maxLag, maxY);

        g.setColor(new Color(0xdddddd));
        for (int y = 0; y <= maxY; y += 20) {
            g.drawLine(plot.x(0), plot.y(y), plot.x(maxLag), plot.y(y));
        }
        g.setColor(Color.GRAY);
        g.drawLine(plot.x(0), plot.y(0), plot.x(maxLag), plot.y(maxLag)); // deleted the moment IAM allows it
        g.setColor(Color.BLACK);
        g.drawLine(plot.x(0), plot.y(0), plot.x(maxLag), plot.y(0));
        g.drawLine(plot.x(0), plot.y(0), plot.x(0), plot.y(maxY));
        for (TimeToDelete.Outcome o : outcomes) {
            if (o.approach() == TimeToDelete.Approach.WORKFLOW) {
                g.drawString(String.valueOf((int) o.lagSeconds()), plot.x(o.lagSeconds()) - 6, plot.y(0) + 16);
            }
        }
        for (int y = 0; y <= maxY; y += 20) {
            g.drawString(String.valueOf(y), LEFT - 30, plot.y(y) + 4);
        }
        g.drawString("propagation lag L (s)", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 60, HEIGHT - 18);
        g.drawString("deleted after (s)", 8, TOP - 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Time to delete after the removal, against IAM propagation lag", LEFT + 40, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        int legend = TOP + 10;
        for (TimeToDelete.Approach approach : TimeToDelete.Approach.values()) {
            List<TimeToDelete.Outcome> line = outcomes.stream().filter(o -> o.approach() == approach).toList();
            Color color = COLORS.get(approach);
            g.setColor(color);
            drawLine(g, plot, line, false, new BasicStroke(2.5f));
            drawLine(g, plot, line, true, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {6, 4}, 0));
            g.setStroke(new BasicStroke(2f));
            for (TimeToDelete.Outcome o : line) {
                if (o.failureRate() > 0) {
                    int x = plot.x(o.lagSeconds());
                    int y = plot.y(maxY) + 12;
                    g.drawLine(x - 6, y - 6, x + 6, y + 6);
                    g.drawLine(x - 6, y + 6, x + 6, y - 6);
                }
            }
            g.fillRect(WIDTH - RIGHT + 20, legend - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(approach.label, WIDTH - RIGHT + 40, legend);
            legend += 20;
        }
        g.setColor(Color.BLACK);
        g.drawString("solid: median, dashed: p95", WIDTH - RIGHT + 20, legend + 10);
        g.drawString("x at the top: fails at that L", WIDTH - RIGHT + 20, legend + 28);
        g.setColor(Color.GRAY);
        g.drawString("grey: deleted at L exactly", WIDTH - RIGHT + 20, legend + 46);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void drawLine(Graphics2D g, Plot plot, List<TimeToDelete.Outcome> line, boolean p95,
                                 BasicStroke stroke) {
        g.setStroke(stroke);
        TimeToDelete.Outcome previous = null;
        for (TimeToDelete.Outcome o : line) {
            if (o.failureRate() >= 1) {
                previous = null;
                continue;
            }
            if (previous != null) {
                g.drawLine(plot.x(previous.lagSeconds()), plot.y(value(previous, p95)), plot.x(o.lagSeconds()),
                        plot.y(value(o, p95)));
            }
            previous = o;
        }
    }

    private static double value(TimeToDelete.Outcome o, boolean p95) {
        return o.lagSeconds() + (p95 ? o.overshoot().p95() : o.overshoot().median());
    }

    private record Plot(double maxX, double maxY) {
        int x(double value) {
            return LEFT + (int) Math.round(value / maxX * (WIDTH - LEFT - RIGHT));
        }

        int y(double value) {
            return HEIGHT - BOTTOM - (int) Math.round(value / maxY * (HEIGHT - TOP - BOTTOM));
        }
    }
}
