package dev.rtc.output;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, left-aligned unless marked right-aligned. */
public final class Table {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
        this.right = new boolean[headers.length];
    }

    /** Right-align the given columns (numbers). */
    public Table alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    public Table row(Object... cells) {
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(c == null ? "" : c.toString());
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines, header first, without trailing spaces. */
    public List<String> lines() {
        int n = headers.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = headers.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < n && i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(format(headers, width));
        for (List<String> r : rows) {
            out.add(format(r, width));
        }
        return out;
    }

    private String format(List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            if (i > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[i] - c.length());
            sb.append(right[i] ? pad + c : c + pad);
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public String toString() {
        return String.join("\n", lines()) + "\n";
    }
}
