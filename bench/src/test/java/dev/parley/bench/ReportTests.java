package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class ReportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String chat(int max, double p99) {
        return """
                {"latency":[{"rate":2000,"toAgent":{"sent":10,"received":10,"p50Ms":1,"p99Ms":%1$s,"p999Ms":%1$s},
                             "toVisitor":{"sent":10,"received":10,"p50Ms":1,"p99Ms":2,"p999Ms":3},"errors":{}}],
                 "throughputSteps":[{"rate":%2$d,"toAgent":{"sent":10,"received":10,"p99Ms":5},
                                     "toVisitor":{"sent":10,"received":10,"p99Ms":5},"errors":{}}],
                 "maxSustainedPerSecond":%2$d}""".formatted(p99, max);
    }

    private static Map<String, Object> results() {
        return parse(resultsJson());
    }

    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    private static String resultsJson() {
        return """
                {"startedAt":"2026-11-22T09:00:00Z","plan":{"name":"full","idleSteps":[1000]},
                 "machine":{"cpu":"Test CPU","cores":2,"memoryGiB":"24","loadAverageAtStart":"7.5 6.1 5.0","loadAverageAtEnd":"9.0 8.0 6.0"},
                 "git":{"commit":"0123456789abcdef","dirty":false},
                 "footprint":{"idleRssBytes":%d,"heapAfterGcBytes":52428800,"firstStartSeconds":9.5,"restartSeconds":8.0,
                              "widgetGzipBytes":15591,"widgetBytes":41545,"flags":["-XX:+UseSerialGC","-Xms32m"],
                              "jvmDefaults":{"idleRssBytes":440401920,"heapAfterGcBytes":52428800}},
                 "systems":{
                   "parley-mariadb":{"idle":[{"target":1000,"open":1000,"heapPerConnectionBytes":30720,"rssPerConnectionBytes":20480}],
                                     "chat":%s,"routing":{"agents":100,"capacity":10,"conversationsStarted":1100,"assigned":1000,
                                               "assignedPerSecond":1500,"coldAssignedPerSecond":400,"capacityKept":true,"roomFilled":true}},
                   "socketio":{"chat":%s},
                   "ws":{"chat":%s}}}""".formatted(400L * 1048576, chat(4_000, 40), chat(20_000, 8), chat(40_000, 2));
    }

    @Test
    void eachMissedGoalIsMarkedInTheTable() {
        String table = Report.table(results());

        assertThat(table).contains("| memory per idle resumed visitor at 1,000 (heap / RSS) | ≤ 25 KB | 30.0 / 20.0 KB (**missed**) |");
        assertThat(table).contains("40.0 / 2.0 ms (**missed**)");
        assertThat(table).contains("| 4,000 (**missed**) |");
        assertThat(table).contains("| idle RSS of the embedded default after start, as README runs it (-XX:+UseSerialGC -Xms32m;"
                + " heap after GC) | ≤ 300 MB | 400 MB (50 MB) (**missed**) |");
        assertThat(table).contains("| the same with the JVM's default flags (G1, heap sized from the machine) | – | 420 MB (50 MB) |");
    }

    @Test
    void aMessageDeliveredTwiceIsShownBesideTheDeliveredShare() {
        String json = resultsJson().replaceFirst("\"received\":10,\"p50Ms\"", "\"received\":10,\"duplicates\":3,\"p50Ms\"");

        assertThat(Report.table(parse(json))).contains("| 100.00%, 3 twice |");
    }

    @Test
    void parleysOwnCpuIsShownBesideTheServersWhereItsServicesRanBesideIt() {
        String json = resultsJson().replaceFirst("\"errors\":\\{}}],", "\"errors\":{},\"serverCpuCores\":1.24,\"processCpuCores\":0.8}],");

        assertThat(Report.table(parse(json))).contains("| 1.24 cores (Parley 0.80) |").contains("| 0.00 cores |");
    }

    @Test
    void theWritersWaitAndCommitAreShownWhereTheNodeReportedThem() {
        String json = resultsJson().replaceFirst("\"errors\":\\{}}],",
                "\"errors\":{},\"writer\":{\"batches\":9,\"waitP99Ms\":4.5,\"commitP99Ms\":12.25}}],");

        assertThat(Report.table(parse(json))).contains("| ≤ 4.5 / ≤ 12.3 |").contains("cores | – |");
    }

    @Test
    void aMetGoalIsMarkedMet() {
        assertThat(Report.table(results())).contains("1,500, capacity kept (met)");
    }

    /** A burst whose chats were not all assigned has no rate to meet the goal with, however fast the rest went. */
    @Test
    void aBurstThatLeftChatsUnassignedMissesTheGoal() {
        String json = resultsJson().replace("\"roomFilled\":true", "\"roomFilled\":false");

        assertThat(Report.table(parse(json))).contains("1,500, capacity kept, a burst's chats NOT all assigned (**missed**)");
    }

    @Test
    void routingShowsTheMeasuredBurstBesideTheColdNodesFirstBurst() {
        assertThat(Report.table(results())).contains("| MariaDB + Redis | 100 × 10 | 1,100 | 1,000 | 1,500 | 400 |");
    }

    @Test
    void severalMeasuredBurstsShowTheMedianAndTheRange() {
        String json = resultsJson().replace("\"assignedPerSecond\":1500,", "\"assignedPerSecond\":900,\"measuredRates\":[1200,900,689],");

        String table = Report.table(parse(json));

        assertThat(table).contains("| ≥ 1,000 | 900 (median of 3 bursts, 689–1,200), capacity kept (**missed**) |");
        assertThat(table).contains("| MariaDB + Redis | 100 × 10 | 1,100 | 1,000 | 900 (689–1,200) | 400 |");
    }

    @Test
    void theGoalsRateMeasuredInSeveralWindowsShowsTheirRange() {
        String json = resultsJson().replaceFirst("\"errors\":\\{}}],", "\"errors\":{},\"windowsP99Ms\":[55,40,31.5]}],");

        String table = Report.table(parse(json));

        assertThat(table).contains("| ≤ 15 ms | 40.0 / 2.0 ms (median of 3 windows, worse p99 31.5–55.0 ms) (**missed**) |");
        assertThat(table).contains("| Parley, MariaDB + Redis | 2,000 (median of 3 windows, worse p99 31.5–55.0 ms) | 1.00 / 40.00 / 40.00 |");
    }

    @Test
    void ratiosComeFromTheSameRun() {
        String table = Report.table(results());

        assertThat(table).contains("| maximum sustained msg/s, MariaDB + Redis | 0.20 | 0.10 |");
        assertThat(table).contains("| p99 at 2,000 msg/s (worse direction), MariaDB + Redis | 5.0 | 20.0 |");
    }

    @Test
    void aPhaseThatDidNotRunIsShownAsNotMeasuredNotAsMissed() {
        Map<String, Object> results = results();
        @SuppressWarnings("unchecked")
        Map<String, Object> parley = (Map<String, Object>) ((Map<String, Object>) results.get("systems")).get("parley-mariadb");
        parley.remove("chat");
        parley.remove("routing");

        String table = Report.table(results);

        assertThat(table).contains("| maximum sustained persisted msg/s with p99 < 100 ms | ≥ 15,000 | – |");
        assertThat(table).contains("| routing: new conversations assigned per second, capacity kept | ≥ 1,000 | – |");
        assertThat(table).contains("| maximum sustained msg/s, MariaDB + Redis | – | – |");
        assertThat(table).doesNotContain("| Parley, MariaDB + Redis | 0 |");
    }

    @Test
    void theTableNamesTheMachineTheCommitAndTheLoadBesideTheRun() {
        String table = Report.table(results());

        assertThat(table).contains("commit 0123456789ab").contains("Test CPU, 2 cores").contains("Load average 7.5 6.1 5.0 at start, 9.0 8.0 6.0 at end");
    }
}
