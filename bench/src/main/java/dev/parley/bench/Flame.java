package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Flame graphs from a Java Flight Recorder file, with the JDK's own reader: the CPU samples
 * ({@code jdk.ExecutionSample}) merged into a tree of frames, drawn as a self-contained SVG (root at
 * the bottom, width proportional to samples; hover a box for its name and share), and a text summary
 * of where the time goes. Also {@code java -jar parley-bench.jar flame FILE.jfr OUT.svg}.
 */
final class Flame {

    private static final int WIDTH = 1800;
    private static final int ROW = 16;
    /** Boxes narrower than this many pixels are left out: unreadable, and they would bloat the file. */
    private static final double MIN_PIXELS = 0.3;

    private Flame() {
    }

    static final class Node {
        final String name;
        long samples;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }

        Node child(String frame) {
            return children.computeIfAbsent(frame, Node::new);
        }

        int depth() {
            return 1 + children.values().stream().mapToInt(Node::depth).max().orElse(0);
        }
    }

    /** The samples' stacks merged from the root (thread entry) to the leaf (the running method). */
    static Node tree(Path recording) throws IOException {
        Node root = new Node("all");
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            add(root, frames(event.getStackTrace()));
        }
        return root;
    }

    /** Adds one stack, root first. */
    static void add(Node root, List<String> rootFirst) {
        Node node = root;
        node.samples++;
        for (String frame : rootFirst) {
            node = node.child(frame);
            node.samples++;
        }
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<RecordedFrame> leafFirst = stack.getFrames();
        List<String> rootFirst = new ArrayList<>(leafFirst.size());
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            RecordedFrame f = leafFirst.get(i);
            rootFirst.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
        }
        return rootFirst;
    }

    static void draw(Path recording, Path svg, String title) throws IOException {
        Files.writeString(svg, svg(tree(recording), title));
    }

    static String svg(Node root, String title) {
        int height = (root.depth() + 2) * ROW;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"monospace\""
                + " font-size=\"11\">%n<text x=\"4\" y=\"12\">%s (%,d samples)</text>%n", WIDTH, height, escape(title), root.samples));
        box(out, root, root.samples, 0, WIDTH, height - ROW);
        return out.append("</svg>\n").toString();
    }

    private static void box(StringBuilder out, Node node, long total, double x, double width, int y) {
        if (width < MIN_PIXELS) {
            return;
        }
        int hue = Math.floorMod(node.name.hashCode(), 40);
        String label = width > 40 ? clip(node.name, (int) (width / 7)) : "";
        out.append(String.format(Locale.ROOT, "<g><title>%s: %,d samples, %.2f%%</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                + " fill=\"hsl(%d,85%%,60%%)\" stroke=\"white\" stroke-width=\"0.5\"/><text x=\"%.1f\" y=\"%d\">%s</text></g>%n",
                escape(node.name), node.samples, 100.0 * node.samples / Math.max(1, total), x, y, width, ROW, 10 + hue, x + 2, y + 12,
                escape(label)));
        double childX = x;
        for (Node child : node.children.values()) {
            double childWidth = width * child.samples / Math.max(1, node.samples);
            box(out, child, total, childX, childWidth, y - ROW);
            childX += childWidth;
        }
    }

    /** The methods with the most samples on top of the stack (self) and anywhere in it (total). */
    static String top(Path recording, int limit) throws IOException {
        return top(tree(recording), limit);
    }

    static String top(Node root, int limit) {
        Map<String, long[]> byMethod = new HashMap<>();
        walk(root, new ArrayList<>(), byMethod);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,d CPU samples%n%nself%%   total%%  method%n", root.samples));
        byMethod.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(limit)
                .forEach(e -> out.append(String.format(Locale.ROOT, "%6.2f %7.2f  %s%n", 100.0 * e.getValue()[0] / root.samples,
                        100.0 * e.getValue()[1] / root.samples, e.getKey())));
        return out.toString();
    }

    /** Sums self samples and, once per stack, total samples of each method. */
    private static void walk(Node node, List<String> path, Map<String, long[]> byMethod) {
        long childSamples = node.children.values().stream().mapToLong(n -> n.samples).sum();
        if (!path.isEmpty()) {
            byMethod.computeIfAbsent(node.name, k -> new long[2])[0] += node.samples - childSamples;
            if (!path.subList(0, path.size() - 1).contains(node.name)) {
                byMethod.get(node.name)[1] += node.samples;
            }
        }
        for (Node child : node.children.values()) {
            path.add(child.name);
            walk(child, path, byMethod);
            path.remove(path.size() - 1);
        }
    }

    private static String clip(String text, int chars) {
        return text.length() <= chars ? text : text.substring(text.length() - Math.max(0, chars - 1));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[1]);
        draw(recording, Path.of(args[2]), recording.getFileName() + ": CPU samples");
        System.out.print(top(recording, 40));
    }
}
