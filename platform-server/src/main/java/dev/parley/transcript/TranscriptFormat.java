package dev.parley.transcript;

import java.util.Locale;

import org.springframework.http.MediaType;

/** How a transcript or export is written. */
public enum TranscriptFormat {
    JSON("application/json", "json"),
    TXT("text/plain;charset=UTF-8", "txt"),
    HTML("text/html;charset=UTF-8", "html"),
    CSV("text/csv;charset=UTF-8", "csv"),
    /** One JSON object per line; bulk exports only. */
    NDJSON("application/x-ndjson", "ndjson");

    private final MediaType mediaType;
    private final String extension;

    TranscriptFormat(String mediaType, String extension) {
        this.mediaType = MediaType.parseMediaType(mediaType);
        this.extension = extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format named by a {@code format} parameter ({@code json}, {@code txt}, …), or null. */
    public static TranscriptFormat named(String name) {
        for (TranscriptFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }
}
