package dev.wharf.bench;

import java.util.Locale;

/**
 * One row of the benchmark table: a workload measured on Wharf and on a peer or limit in the same
 * run. The ratio is Wharf's advantage: above 1 means Wharf did better, whichever direction "better"
 * is for the unit.
 */
record Result(
    String workload,
    double wharf,
    double peer,
    String unit,
    String peerName,
    boolean lowerIsBetter) {

  double ratio() {
    return lowerIsBetter ? peer / wharf : wharf / peer;
  }

  String format(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f %s" : "%.2f %s", value, unit);
  }
}
