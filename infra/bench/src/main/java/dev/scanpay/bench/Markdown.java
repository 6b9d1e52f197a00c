package dev.scanpay.bench;

import java.util.ArrayList;
import java.util.List;

/** A markdown table with aligned columns, readable as plain text on a terminal too. */
final class Markdown {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    Markdown(String... header) {
        this.header = List.of(header);
        this.rightAligned = new boolean[header.length];
        for (int i = 1; i < header.length; i++) {
            rightAligned[i] = true;
        }
    }

    Markdown row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells");
        }
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(3, header.get(i).length());
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        out.append('|');
        for (int i = 0; i < width.length; i++) {
            out.append(' ').append("-".repeat(width[i] - 1)).append(rightAligned[i] ? ':' : '-').append(" |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, width);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int i = 0; i < width.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            out.append(' ').append(rightAligned[i] ? pad + cell : cell + pad).append(" |");
        }
        out.append('\n');
    }
}
