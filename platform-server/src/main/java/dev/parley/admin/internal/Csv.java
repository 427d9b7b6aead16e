package dev.parley.admin.internal;

import java.util.List;

/**
 * RFC 4180 CSV for downloads. A cell that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, tab or carriage return) is prefixed with an apostrophe, so a name an admin or
 * visitor typed cannot become a formula on an admin's machine.
 */
final class Csv {

    private Csv() {
    }

    static String line(List<?> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
