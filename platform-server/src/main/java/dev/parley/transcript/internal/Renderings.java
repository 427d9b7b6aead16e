package dev.parley.transcript.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.parley.conversation.ExportedMessage;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessageKind;
import dev.parley.transcript.TranscriptFormat;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes transcripts and exports as text, piece by piece, so a response streams as the messages
 * are read. Whatever a visitor or agent wrote is data: HTML is escaped, CSV cells are quoted and
 * cannot start a spreadsheet formula, JSON is encoded by the JSON library.
 */
public final class Renderings {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Cells starting with these are formulas to a spreadsheet (OWASP, CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final JsonMapper json;

    public Renderings(JsonMapper json) {
        this.json = json;
    }

    /** What a transcript says about its conversation. */
    public record Header(String conversationId, String siteName, String visitorName, String visitorEmail, String status,
            Instant createdAt, Instant closedAt, Integer rating) {
    }

    public Flux<String> transcript(TranscriptFormat format, Header header, Flux<Message> messages, ZoneId zone) {
        return switch (format) {
            case JSON -> json(header, messages);
            case TXT -> Flux.just(textHeader(header, zone)).concatWith(messages.map(m -> textLine(m, zone)));
            case HTML -> Flux.just(htmlHeader(header, zone)).concatWith(messages.map(m -> htmlRow(m, zone))).concatWith(Flux.just(HTML_FOOTER));
            case CSV, NDJSON -> Flux.just("seq,created_at,author_kind,author_name,kind,body\r\n").concatWith(messages.map(this::csvRow));
        };
    }

    /** One line per message, with its conversation's fields: NDJSON or CSV. */
    public Flux<String> export(TranscriptFormat format, Flux<ExportedMessage> rows) {
        if (format == TranscriptFormat.CSV) {
            return Flux.just("conversation_id,site_id,team_id,agent_id,status,conversation_created_at,seq,created_at,author_kind,"
                    + "author_name,kind,body\r\n").concatWith(rows.map(r -> String.join(",", cell(r.conversationId()), cell(r.siteId()),
                            cell(r.teamId()), cell(r.agentId()), lower(r.status()), cell(String.valueOf(r.conversationCreatedAt())),
                            String.valueOf(r.seq()), cell(String.valueOf(r.createdAt())), lower(r.authorKind()), cell(r.authorName()),
                            lower(r.kind()), cell(r.body())) + "\r\n"));
        }
        return rows.map(r -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("conversationId", r.conversationId());
            line.put("siteId", r.siteId());
            line.put("teamId", r.teamId());
            line.put("agentId", r.agentId());
            line.put("status", lower(r.status()));
            line.put("conversationCreatedAt", r.conversationCreatedAt().toString());
            line.put("seq", r.seq());
            line.put("createdAt", r.createdAt().toString());
            line.put("author", author(lower(r.authorKind()), r.authorName()));
            line.put("kind", lower(r.kind()));
            line.put("body", r.body());
            line.values().removeIf(java.util.Objects::isNull);
            return json.writeValueAsString(line) + "\n";
        });
    }

    private Flux<String> json(Header header, Flux<Message> messages) {
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", header.conversationId());
        conversation.put("site", header.siteName());
        conversation.put("visitor", visitor(header));
        conversation.put("status", header.status());
        conversation.put("createdAt", String.valueOf(header.createdAt()));
        conversation.put("closedAt", header.closedAt() == null ? null : header.closedAt().toString());
        conversation.put("rating", header.rating());
        conversation.values().removeIf(java.util.Objects::isNull);
        AtomicBoolean first = new AtomicBoolean(true);
        return Flux.just("{\"conversation\":" + json.writeValueAsString(conversation) + ",\"messages\":[")
                .concatWith(messages.map(m -> (first.getAndSet(false) ? "\n" : ",\n") + json.writeValueAsString(message(m))))
                .concatWith(Flux.just("\n]}\n"));
    }

    private static Map<String, Object> message(Message m) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", m.seq());
        view.put("createdAt", m.createdAt().toString());
        view.put("author", author(lower(m.author().kind()), m.author().name()));
        view.put("kind", lower(m.kind()));
        view.put("body", m.body());
        return view;
    }

    private static Map<String, String> author(String kind, String name) {
        Map<String, String> author = new LinkedHashMap<>();
        author.put("kind", kind);
        if (name != null) {
            author.put("name", name);
        }
        return author;
    }

    private static Map<String, String> visitor(Header header) {
        Map<String, String> visitor = new LinkedHashMap<>();
        if (header.visitorName() != null) {
            visitor.put("name", header.visitorName());
        }
        if (header.visitorEmail() != null) {
            visitor.put("email", header.visitorEmail());
        }
        return visitor;
    }

    private static String textHeader(Header h, ZoneId zone) {
        StringBuilder out = new StringBuilder("Conversation ").append(h.conversationId());
        if (h.siteName() != null) {
            out.append(" on ").append(h.siteName());
        }
        out.append("\nVisitor: ").append(h.visitorName() == null ? "(no name)" : h.visitorName());
        if (h.visitorEmail() != null) {
            out.append(" <").append(h.visitorEmail()).append('>');
        }
        out.append("\nStarted: ").append(time(h.createdAt(), zone));
        if (h.closedAt() != null) {
            out.append("\nClosed: ").append(time(h.closedAt(), zone));
        }
        return out.append("\n\n").toString();
    }

    private static String textLine(Message m, ZoneId zone) {
        String body = m.body().replace("\r\n", "\n").replace("\n", "\n    ");
        return "[" + time(m.createdAt(), zone) + "] " + who(m) + ": " + body + "\n";
    }

    private static final String HTML_FOOTER = "</ol>\n</body>\n</html>\n";

    private static String htmlHeader(Header h, ZoneId zone) {
        String title = "Conversation" + (h.siteName() == null ? "" : " on " + h.siteName());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) + "</title>\n"
                + "<style>body{font:14px/1.45 system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#111}"
                + "ol{list-style:none;padding:0}li{margin:.6rem 0;padding:.5rem .75rem;border-left:3px solid #ccc;break-inside:avoid}"
                + "li.agent{border-color:#2563eb}li.visitor{border-color:#16a34a}li.note{background:#fef9c3}"
                + "li.event{color:#555;font-style:italic}.meta{color:#555;font-size:12px}.body{white-space:pre-wrap}"
                + "@media print{body{margin:0}}</style>\n</head>\n<body>\n<h1>" + esc(title) + "</h1>\n<p class=\"meta\">"
                + "Visitor: " + esc(h.visitorName() == null ? "(no name)" : h.visitorName())
                + (h.visitorEmail() == null ? "" : " &lt;" + esc(h.visitorEmail()) + "&gt;")
                + "<br>Started: " + esc(time(h.createdAt(), zone)) + (h.closedAt() == null ? "" : "<br>Closed: " + esc(time(h.closedAt(), zone)))
                + "<br>Times in " + esc(zone.getId()) + "</p>\n<ol>\n";
    }

    private static String htmlRow(Message m, ZoneId zone) {
        String css = m.kind() == MessageKind.TEXT ? lower(m.author().kind()) : lower(m.kind());
        return "<li class=\"" + css + "\"><div class=\"meta\">" + esc(time(m.createdAt(), zone)) + " &middot; " + esc(who(m))
                + "</div><div class=\"body\">" + esc(m.body()) + "</div></li>\n";
    }

    private String csvRow(Message m) {
        return String.join(",", String.valueOf(m.seq()), cell(m.createdAt().toString()), lower(m.author().kind()), cell(m.author().name()),
                lower(m.kind()), cell(m.body())) + "\r\n";
    }

    private static String who(Message m) {
        String kind = lower(m.author().kind());
        String name = m.author().name() == null ? (kind.equals("system") ? "System" : "Visitor") : m.author().name() + " (" + kind + ")";
        return m.kind() == MessageKind.NOTE ? name + " [internal note]" : name;
    }

    /** RFC 4180 quoting; a cell that would start a formula gets a leading apostrophe. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : READABLE.format(instant.atZone(zone));
    }

    private static String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }
}
