package dev.wharf.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Summaries of repeated measurements. */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double max(List<Double> values) {
    return Collections.max(values);
  }
}
