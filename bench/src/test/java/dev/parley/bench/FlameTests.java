package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FlameTests {

    private static Flame.Node sampled() {
        Flame.Node root = new Flame.Node("all");
        for (int i = 0; i < 3; i++) {
            Flame.add(root, List.of("Thread.run", "Writer.flush", "Socket.write"));
        }
        Flame.add(root, List.of("Thread.run", "Json.parse"));
        return root;
    }

    @Test
    void theSummaryRanksMethodsBySelfSamplesWithTheirTotals() {
        String top = Flame.top(sampled(), 10);

        assertThat(top).startsWith("4 CPU samples");
        assertThat(top).contains(" 75.00   75.00  Socket.write").contains("  0.00  100.00  Thread.run");
        assertThat(top.indexOf("Socket.write")).isLessThan(top.indexOf("Json.parse"));
    }

    @Test
    void theFlameGraphDrawsEveryFrameWithItsShareAndEscapesNames() {
        Flame.Node root = sampled();
        Flame.add(root, List.of("Map<K,V>.get"));

        String svg = Flame.svg(root, "a <test>");

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg).contains("a &lt;test&gt; (5 samples)");
        assertThat(svg).contains("<title>Writer.flush: 3 samples, 60.00%</title>");
        assertThat(svg).contains("Map&lt;K,V&gt;.get");
    }
}
