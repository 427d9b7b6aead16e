package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the numbers were measured on: the machine, the runtimes and the git commit. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(Path repo) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", firstValue("/proc/cpuinfo", "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", Math.round(kb(firstValue("/proc/meminfo", "MemTotal")) / 1024.0 / 1024.0 * 10) / 10.0);
        machine.put("os", osName());
        machine.put("kernel", read("/proc/sys/kernel/osrelease"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("node", output(List.of("node", "--version")));
        machine.put("mariadb", output(List.of("mariadbd", "--version")));
        machine.put("redis", output(List.of("redis-server", "--version")));
        machine.put("openFileLimit", output(List.of("sh", "-c", "ulimit -n")));
        machine.put("loadAverageAtStart", loadAverage());
        return machine;
    }

    /**
     * The 1, 5 and 15 minute load averages: on a shared machine, how much else was running, which
     * is what makes absolute numbers drift while ratios measured side by side hold.
     */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").split(" ");
        return fields.length < 3 ? "" : String.join(" ", fields[0], fields[1], fields[2]);
    }

    static Map<String, Object> git(Path repo) {
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("commit", output(List.of("git", "-C", repo.toString(), "rev-parse", "HEAD")));
        git.put("branch", output(List.of("git", "-C", repo.toString(), "rev-parse", "--abbrev-ref", "HEAD")));
        String status = output(List.of("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no"));
        git.put("dirty", !status.isBlank());
        return git;
    }

    private static String osName() {
        String release = read("/etc/os-release");
        for (String line : release.split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring(12).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static String firstValue(String file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "";
    }

    private static long kb(String value) {
        try {
            return Long.parseLong(value.replaceAll("[^0-9]", ""));
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        }
        catch (java.io.IOException e) {
            return "";
        }
    }

    private static String output(List<String> command) {
        try {
            String text = Procs.run(command, Duration.ofSeconds(10)).trim();
            return text.lines().findFirst().orElse("");
        }
        catch (java.io.IOException e) {
            return "unavailable";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable";
        }
    }
}
