package io.ppnode.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table for human output: a header row and columns padded to their widest cell.
 * Numbers are right-aligned; {@code null} shows as "-".
 */
final class Table {
  private final String[] headers;
  private final List<Object[]> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = headers;
  }

  Table row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
    }
    rows.add(cells);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out) {
    int[] widths = new int[headers.length];
    boolean[] right = new boolean[headers.length];
    for (int c = 0; c < headers.length; c++) {
      widths[c] = headers[c].length();
    }
    for (Object[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], text(row[c]).length());
        right[c] |= row[c] instanceof Number;
      }
    }
    line(out, headers, widths, right);
    for (Object[] row : rows) {
      line(out, row, widths, right);
    }
  }

  private static void line(PrintWriter out, Object[] cells, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = text(cells[c]);
      boolean last = c == cells.length - 1;
      String padding = " ".repeat(widths[c] - cell.length());
      if (right[c]) {
        line.append(padding).append(cell);
      } else {
        line.append(cell).append(last ? "" : padding);
      }
      if (!last) {
        line.append("  ");
      }
    }
    out.println(line.toString().stripTrailing());
  }

  private static String text(Object cell) {
    return cell == null ? "-" : cell.toString();
  }
}
