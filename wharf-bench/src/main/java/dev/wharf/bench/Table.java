package dev.wharf.bench;

import java.util.List;
import java.util.Locale;

/** Renders results as the Markdown table the README's performance section shows. */
final class Table {
  private Table() {}

  static String markdown(List<Result> results) {
    StringBuilder out = new StringBuilder();
    out.append("| workload | Wharf | peer or limit | measured peer | ratio (>1: Wharf better) |\n");
    out.append("|---|---|---|---|---|\n");
    for (Result r : results) {
      out.append("| ")
          .append(r.workload())
          .append(" | ")
          .append(r.format(r.wharf()))
          .append(" | ")
          .append(r.peerName())
          .append(" | ")
          .append(r.format(r.peer()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.2f×", r.ratio()))
          .append(" |\n");
    }
    return out.toString();
  }
}
